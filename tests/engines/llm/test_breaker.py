"""A model endpoint that fails or hangs: the local engine answers, and once the circuit
breaker opens, at once (issue 11, finding 4). Real endpoints on loopback, no mocks."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from addin_server import create_app
from addin_server.engines.llm.breaker import CLOSED, HALF_OPEN, OPEN, Breaker
from addin_server.engines.llm.breaker_store import SharedBreakerState
from addin_server.store.shared_state import SharedState
from tests.conftest import free_port
from tests.engines.llm.conftest import timed_rewrite
from tests.model_server import Call, HungEndpoint, ModelServer, Reply

AppFactory = Callable[..., Flask]
TEXT = "Their is a error in this sentence."
# The model settings of these tests: a short call timeout, one retry, three failures open.
FAULTY = {"llm_timeout": 1.0, "llm_max_retries": 1, "llm_breaker_failures": 3}
DEADLINE_SECONDS = 6.0  # one call and its retry, with the client's backoff between them
OPEN_SECONDS = 0.1  # beyond what the local engine itself takes


class Clock:
    """A clock the test moves."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_breaker_opens_after_failures_in_a_row_then_one_probe_decides() -> None:
    clock = Clock()
    breaker = Breaker("http://x/v1", failures=3, cooldown=30, probe_lease=40, clock=clock)
    breaker.failed()
    breaker.failed()
    breaker.succeeded()  # not in a row: counting starts again
    breaker.failed()
    breaker.failed()
    assert breaker.allow() and breaker.status() == CLOSED
    breaker.failed()
    assert breaker.status() == OPEN and not breaker.allow()
    clock.now += 30
    assert breaker.status() == HALF_OPEN
    assert breaker.allow()  # the probe
    assert not breaker.allow()  # everyone else waits for it
    breaker.failed()  # the probe failed: another cool-down
    assert breaker.status() == OPEN and not breaker.allow()
    clock.now += 30
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.status() == CLOSED and breaker.allow() and breaker.allow()


def test_one_workers_failures_open_the_breaker_for_every_worker(tmp_path: Path) -> None:
    """The workers of one server share their view of the model (the server's store)."""
    clock = Clock()
    workers = [
        Breaker("http://x/v1", failures=3, cooldown=30, state=shared_breaker(tmp_path), clock=clock)
        for _ in range(2)
    ]
    for n in range(3):
        workers[n % 2].failed()
    assert all(worker.status() == OPEN and not worker.allow() for worker in workers)
    clock.now += 30
    assert workers[0].allow()  # the probe, for the whole server
    assert not workers[1].allow()
    workers[0].succeeded()
    assert workers[1].status() == CLOSED


def shared_breaker(folder: Path) -> SharedBreakerState:
    return SharedBreakerState(SharedState("", folder))


def test_a_timeout_opens_the_breaker_at_once_and_a_lost_probe_is_retried() -> None:
    clock = Clock()
    breaker = Breaker("http://x/v1", failures=3, cooldown=10, probe_lease=5, clock=clock)
    breaker.failed(at_once=True)
    assert breaker.status() == OPEN and breaker.cooling_down()
    clock.now += 10
    assert breaker.allow() and not breaker.allow()
    clock.now += 5  # the probe never reported back (its lease is over): another may try
    assert breaker.allow()


@pytest.fixture()
def hung() -> Iterator[HungEndpoint]:
    endpoint = HungEndpoint()
    yield endpoint
    endpoint.stop()


def _app(url: str, **overrides: Any) -> Flask:
    values = {"llm_base_url": url, "llm_model": "test-model", **FAULTY, **overrides}
    app = create_app(values, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    return app


def _shout(call: Call) -> str:
    return json.dumps({"rewritten": call.text.upper()})


FAULTS: dict[str, Reply | str] = {
    "slow": Reply(delay=3.0),
    "hung after accepting": "hung",
    "500": Reply(status=500),
    "429 with Retry-After": Reply(status=429, headers={"Retry-After": "1"}),
    "garbage": Reply(raw_body="<html><body>502 Bad Gateway</body></html>"),
    "truncated stream": Reply(content=_shout, truncate_after=1),
    "connection refused": "refused",
}


def _rewrite(app: Flask, stream: bool, engine: str = "auto") -> tuple[dict[str, Any], float]:
    return timed_rewrite(app, TEXT, stream=stream, engine=engine)


@pytest.mark.parametrize("fault", FAULTS, ids=list(FAULTS))
def test_every_fault_ends_in_a_local_answer_and_an_open_breaker_answers_at_once(
    fault: str, model: ModelServer, hung: HungEndpoint
) -> None:
    reply = FAULTS[fault]
    url = {"hung": hung.url, "refused": f"http://127.0.0.1:{free_port()}/v1"}.get(
        reply if isinstance(reply, str) else "", model.url
    )
    if isinstance(reply, Reply):
        model.script(then=reply)
    app = _app(url)
    stream = fault == "truncated stream"
    breaker = app.extensions["penwise"].engines["llm"].caller.breaker
    for _ in range(FAULTY["llm_breaker_failures"]):
        body, seconds = _rewrite(app, stream)
        assert body["engine"] == "local" and body["degraded"], body
        # The local answer applies every fix the check is sure of ("Their" -> "There").
        assert body["rewritten"] == "There is an error in this sentence."
        assert seconds < DEADLINE_SECONDS, f"{fault}: {seconds:.1f} s"
        if breaker.status() == OPEN:
            break
    assert breaker.status() == OPEN
    calls = len(model.calls)
    _, local_seconds = _rewrite(app, stream, engine="local")  # what the local engine takes
    body, seconds = _rewrite(app, stream)
    assert body["degraded"] and [w["code"] for w in body["warnings"]] == ["llm-unavailable"]
    # The model costs nothing more (the streamed answer runs the local rewrite twice).
    extra = seconds - (2 if stream else 1) * local_seconds
    assert extra < OPEN_SECONDS, f"{fault}: {extra * 1000:.0f} ms more with the breaker open"
    assert len(model.calls) == calls  # the endpoint was not asked
    ready = app.test_client().get("/readyz")
    assert ready.status_code == 200
    timing_out = fault in ("slow", "hung after accepting")
    expected = "degraded (calls time out)" if timing_out else "unavailable (circuit open)"
    assert ready.get_json()["checks"]["llm"] == expected


def test_a_hung_endpoint_costs_one_timeout_not_every_retry(hung: HungEndpoint) -> None:
    app = _app(hung.url, llm_timeout=1.0, llm_max_retries=2)
    time.sleep(0.2)
    before = len(hung.accepted)
    body, seconds = _rewrite(app, stream=False)
    assert body["degraded"] and body["engine"] == "local"
    # One 1 s timeout opens the breaker and the client's two retries stop there (before
    # the breaker, each try waited its own timeout on a connection of its own: 3 s here,
    # 91 s with the defaults).
    time.sleep(0.2)  # the endpoint's accepting thread has caught up
    assert len(hung.accepted) - before == 1
    assert seconds < 10, f"{seconds:.1f} s"


def test_after_the_cool_down_one_probe_closes_the_breaker(model: ModelServer) -> None:
    model.script(then=Reply(status=500))
    app = _app(model.url, llm_max_retries=0, llm_breaker_failures=2, llm_cooldown=0.5)
    for _ in range(2):
        _rewrite(app, stream=False)
    breaker = app.extensions["penwise"].engines["llm"].caller.breaker
    assert breaker.status() == OPEN
    body, _ = _rewrite(app, stream=False)
    assert body["warnings"][0]["code"] == "llm-unavailable"
    model.reset()  # the endpoint is well again
    time.sleep(0.6)
    body, _ = _rewrite(app, stream=False)
    assert body["engine"] == "llm" and not body["degraded"]
    assert breaker.status() == CLOSED


def test_a_failed_probe_opens_the_breaker_for_another_cool_down(model: ModelServer) -> None:
    model.script(then=Reply(status=503))
    app = _app(model.url, llm_max_retries=0, llm_breaker_failures=2, llm_cooldown=0.5)
    for _ in range(2):
        _rewrite(app, stream=False)
    time.sleep(0.6)
    calls = len(model.calls)
    body, _ = _rewrite(app, stream=False)  # the probe: one call, and it fails
    assert body["warnings"][0]["code"] == "llm-server-error" and len(model.calls) == calls + 1
    body, _ = _rewrite(app, stream=False)
    assert body["warnings"][0]["code"] == "llm-unavailable" and len(model.calls) == calls + 1
