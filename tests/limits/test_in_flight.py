"""ADDIN_MAX_IN_FLIGHT: a request beyond the cap waits while places keep changing hands (a
burst of checks); when they stall (they wait on a model), it gets a 503, not a place in a
queue."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from flask import Flask

from addin_server import ConfigError, Settings
from addin_server.limits.in_flight import (
    IN_FLIGHT_KEY,
    STALL_SECONDS,
    InFlight,
    for_gunicorn,
    in_flight_cap,
)
from tests.limits.conftest import bare_app


def _hold(app: Flask, path: str, count: int) -> list[threading.Thread]:
    """Start ``count`` requests to ``path`` that stay in flight until released."""

    def fetch() -> None:
        with app.test_client().get(path) as response:  # closed, as a WSGI server does
            response.get_data()

    threads = [threading.Thread(target=fetch, daemon=True) for _ in range(count)]
    for thread in threads:
        thread.start()
    return threads


def _wait_until(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


@pytest.mark.parametrize("path", ["/v1/slow", "/v1/stream"])
def test_a_request_beyond_the_cap_gets_a_fast_503(path: str) -> None:
    app, release = bare_app(max_in_flight=2)
    counter = app.extensions[IN_FLIGHT_KEY]
    held = _hold(app, path, 2)
    try:
        _wait_until(lambda: counter.count == 2)
        client = app.test_client()
        started = time.monotonic()
        refused = client.get("/v1/echo")  # the places wait on an event: they stall, no place
        assert time.monotonic() - started < STALL_SECONDS + 0.5
        assert refused.status_code == 503
        assert refused.headers["Retry-After"] == "1"
        assert refused.get_json()["type"] == "urn:penwise:problem:busy"
        started = time.monotonic()
        assert client.get("/v1/echo").status_code == 503  # saturated: refused without a wait
        assert time.monotonic() - started < 1.0  # well under the stall time
        assert client.get("/healthz").status_code == 200  # health is never capped
    finally:
        release.set()
        for thread in held:
            thread.join(10)
    _wait_until(lambda: counter.count == 0)  # a stream gives its place back when it ends
    assert app.test_client().get("/v1/echo").status_code == 200


def test_a_request_gets_a_place_that_frees_while_it_waits() -> None:
    app, release = bare_app(max_in_flight=1)
    counter = app.extensions[IN_FLIGHT_KEY]
    held = _hold(app, "/v1/slow", 1)
    try:
        _wait_until(lambda: counter.count == 1)
        threading.Timer(0.2, release.set).start()  # a burst: the place frees soon
        assert app.test_client().get("/v1/echo").status_code == 200
    finally:
        release.set()
        for thread in held:
            thread.join(10)


def test_a_request_waits_while_places_keep_changing_hands_and_not_when_they_stall() -> None:
    places = InFlight(1, stall=0.5, max_wait=10)
    assert places.enter()

    def hold_then_leave() -> None:
        time.sleep(0.4)  # a check that takes 0.4 s
        places.leave()

    got: list[tuple[bool, float]] = []

    def wait_for_place() -> None:
        started = time.monotonic()
        got.append((places.enter(), time.monotonic() - started))
        hold_then_leave()

    threading.Thread(target=hold_then_leave).start()
    waiting = [threading.Thread(target=wait_for_place) for _ in range(2)]
    for thread in waiting:
        thread.start()
    for thread in waiting:
        thread.join(10)
    # The second waited past the stall time: a place changed hands every 0.4 s meanwhile.
    assert [entered for entered, _ in got] == [True, True]
    assert max(waited for _, waited in got) > 0.6

    assert places.enter()  # now held, and nothing changes: refused after the stall time
    started = time.monotonic()
    assert not places.enter()
    assert 0.4 < time.monotonic() - started < 2


def test_the_default_keeps_one_gunicorn_thread_free_and_zero_turns_it_off() -> None:
    assert in_flight_cap(for_gunicorn(Settings.load({"ADDIN_THREADS": "8"})).limits) == 7
    assert in_flight_cap(for_gunicorn(Settings.load({"ADDIN_THREADS": "1"})).limits) == 1
    assert in_flight_cap(Settings.load({"ADDIN_THREADS": "8"}).limits) == 0  # not under gunicorn
    assert in_flight_cap(for_gunicorn(Settings.load({"ADDIN_MAX_IN_FLIGHT": "0"})).limits) == 0
    assert in_flight_cap(Settings.load({"ADDIN_MAX_IN_FLIGHT": "20"}).limits) == 20
    assert in_flight_cap(Settings.load({"ADDIN_MAX_IN_FLIGHT": "0"}).limits) == 0
    app, _ = bare_app(max_in_flight=0)
    assert app.test_client().get("/v1/echo").status_code == 200


@pytest.mark.parametrize("value", ["-1", "many"])
def test_an_invalid_cap_stops_start_up_naming_the_variable(value: str) -> None:
    with pytest.raises(ConfigError, match="ADDIN_MAX_IN_FLIGHT"):
        Settings.load({"ADDIN_MAX_IN_FLIGHT": value})
