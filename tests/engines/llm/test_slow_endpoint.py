"""A model endpoint that answers, but too slowly: a trickle, or a stall after the headers
(issue 23, part 1). Every call ends by its deadline, is not retried, opens the breaker, and
the answer says what it lacks. Real endpoints on loopback (tests/trickling_endpoint.py)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from addin_server import create_app
from tests.engines.llm.conftest import timed_rewrite
from tests.trickling_endpoint import TricklingEndpoint

TEXT = "Their is a error in this sentence."
LOCAL_FIX = "There is an error in this sentence."
TIMEOUT = 2.0
SLACK = 1.5  # the local engine's answer on a loaded machine


@pytest.fixture(scope="module")
def endpoint() -> Iterator[TricklingEndpoint]:
    slow = TricklingEndpoint()
    yield slow
    slow.stop()


@pytest.fixture()
def stalled(endpoint: TricklingEndpoint) -> TricklingEndpoint:
    """Headers, 10 bytes, then nothing."""
    endpoint.calls.clear()
    endpoint.interval, endpoint.stall_after = 0.01, 10
    return endpoint


@pytest.fixture()
def trickling(endpoint: TricklingEndpoint) -> TricklingEndpoint:
    """A byte every 0.2 s."""
    endpoint.calls.clear()
    endpoint.interval, endpoint.stall_after = 0.2, None
    return endpoint


@pytest.fixture(scope="module")
def app(endpoint: TricklingEndpoint) -> Flask:
    """Two places for the model (and two kept for the local engine); a breaker whose
    cool-down is over by the next test."""
    return _app(endpoint.url, max_in_flight=4, llm_cooldown=0.1)


def _app(url: str, **overrides: Any) -> Flask:
    values = {
        "llm_base_url": url,
        "llm_model": "test-model",
        "llm_timeout": TIMEOUT,
        "llm_max_retries": 2,
        **overrides,
    }
    app = create_app(values, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    return app


def _rewrite(app: Flask, stream: bool = False) -> tuple[dict[str, Any], float]:
    return timed_rewrite(app, TEXT, stream=stream)


def test_a_stall_after_the_headers_costs_one_timeout_and_opens_the_breaker(
    app: Flask, stalled: TricklingEndpoint
) -> None:
    time.sleep(0.1)  # the breaker of an earlier test has cooled down
    body, seconds = _rewrite(app)
    # Before: the body's wait was a read timeout, retried twice: 3 calls, 91 s by default.
    assert seconds < TIMEOUT + SLACK, f"{seconds:.1f} s"
    assert len(stalled.calls) == 1
    assert [w["code"] for w in body["warnings"]] == ["llm-timeout"]
    assert body["degraded"] and body["engine"] == "local"
    assert body["rewritten"] == LOCAL_FIX and not body["incomplete"]  # the local engine did it
    # Opened by the one timeout (and, on a slow machine, already cooled to half-open).
    assert app.extensions["penwise"].engines["llm"].caller.breaker.status() != "closed"
    ready = app.test_client().get("/readyz").get_json()
    assert ready["checks"]["llm"] == "degraded (calls time out)"


def test_a_trickled_stream_is_cut_off_at_the_deadline(
    app: Flask, trickling: TricklingEndpoint
) -> None:
    time.sleep(0.1)  # the breaker of an earlier test has cooled down
    body, seconds = _rewrite(app, stream=True)
    assert seconds < TIMEOUT + SLACK, f"{seconds:.1f} s"  # the whole answer: 60 s of trickle
    (call,) = trickling.calls
    assert call.stream
    waited = time.monotonic() + 2  # the endpoint learns of it at its next byte
    while call.ended is None and time.monotonic() < waited:
        time.sleep(0.05)
    assert call.ended is not None and call.ended - call.started < TIMEOUT + 1.0
    assert body["degraded"] and "llm-timeout" in [w["code"] for w in body["warnings"]]


def test_the_request_deadline_ends_the_call_and_the_answer_names_what_it_lacks(
    stalled: TricklingEndpoint, caplog: pytest.LogCaptureFixture
) -> None:
    app = _app(stalled.url, llm_timeout=30.0, request_deadline=TIMEOUT)
    with caplog.at_level(logging.WARNING, logger="addin_server"):
        body, seconds = _rewrite(app)
    assert seconds < TIMEOUT + SLACK, f"{seconds:.1f} s"
    # No time was left for the local engine to vouch for its rewrite: the text comes back as
    # it was, and the answer says so (before: "incomplete": false).
    assert body["rewritten"] == TEXT and body["incomplete"]
    assert body["unprocessed"] == [
        {"offset": 0, "length": len(TEXT), "utf16_offset": 0, "utf16_length": len(TEXT)}
    ]
    assert "llm-timeout" in [w["code"] for w in body["warnings"]]
    assert any("deadline passed: 1 of 1 chunks not started" in r.message for r in caplog.records)


def test_a_check_does_not_wait_when_every_model_place_is_taken(
    app: Flask, trickling: TricklingEndpoint
) -> None:
    places = app.extensions["penwise"].engines["llm"].places
    assert places is not None and places.size == 2
    assert places.take() and places.take()  # rewrites somewhere hold them
    try:
        started = time.monotonic()
        response = app.test_client().post("/v1/check", json={"text": TEXT})
        seconds = time.monotonic() - started
    finally:
        places.give_back()
        places.give_back()
    body = response.get_json()
    assert response.status_code == 200 and seconds < SLACK
    assert body["issues"] and body["degraded"]
    assert [w["code"] for w in body["warnings"]] == ["llm-busy"]
    assert not trickling.calls  # the model was not asked


def test_a_check_does_not_wait_for_a_model_whose_call_runs_long(
    app: Flask, trickling: TricklingEndpoint
) -> None:
    time.sleep(0.1)  # the breaker of an earlier test has cooled down
    app.extensions["penwise"].engines["llm"].caller.health.record_success()  # as if well
    rewrite = threading.Thread(target=_rewrite, args=(app, True), daemon=True)
    rewrite.start()  # a call that trickles: past half of its time by the check
    time.sleep(TIMEOUT / 2 + 0.3)
    assert len(trickling.calls) == 1  # and one place for the model is free
    started = time.monotonic()
    response = app.test_client().post("/v1/check", json={"text": TEXT})
    seconds = time.monotonic() - started
    rewrite.join(TIMEOUT + SLACK)
    body = response.get_json()
    assert response.status_code == 200 and seconds < SLACK, f"{seconds:.1f} s"
    assert body["issues"] and [w["code"] for w in body["warnings"]] == ["llm-slow"]
    assert len(trickling.calls) == 1  # the check did not ask the model
