"""A model endpoint that answers one byte a second, against the real ``addin-server serve``
(issue 23, part 1): 8 rewrites wait on it while local checks, LanguageTool checks and default
checks are asked. Before, the rewrites never ended and the checks got 503 or hung; now every
rewrite ends by its deadline, degraded, and every check is answered in normal time.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from tests.conftest import start_server, stop_server
from tests.engines.llm.conftest import parse_events
from tests.trickling_endpoint import TricklingEndpoint

TEXT = "Their is a error in this sentence."
TIMEOUT = 4.0
MODEL_PLACES = 4  # of the 7 places of 8 threads (limits.in_flight.model_share)
CHECKS: dict[str, tuple[str, dict[str, Any]]] = {
    "local check": ("/v1/check", {"json": {"text": TEXT, "engine": "local"}}),
    "LanguageTool check": ("/v2/check", {"data": {"text": TEXT, "language": "en-US"}}),
    "default check": ("/v1/check", {"json": {"text": TEXT}}),
}


def test_a_trickling_model_takes_down_neither_the_server_nor_its_rewrites(
    tmp_path: Path,
) -> None:
    endpoint = TricklingEndpoint(interval=1.0)
    server = start_server(
        tmp_path,
        {
            "ADDIN_WORKERS": "1",
            "ADDIN_THREADS": "8",
            "ADDIN_LLM_BASE_URL": endpoint.url,
            "ADDIN_LLM_MODEL": "test-model",
            "ADDIN_LLM_TIMEOUT": str(TIMEOUT),
        },
    )
    rewrites: list[tuple[float, dict[str, Any]]] = []
    checks: list[tuple[str, int, float]] = []
    states: set[str] = set()  # what /readyz said of the model meanwhile
    try:
        threads = [
            _in_background(lambda stream=stream: rewrites.append(_rewrite(server.url, stream)))
            for stream in [False] * 6 + [True] * 2
        ]
        waited = time.monotonic() + 10
        while len(endpoint.calls) < MODEL_PLACES:  # every place for the model is taken
            assert time.monotonic() < waited, f"{len(endpoint.calls)} calls"
            time.sleep(0.05)
        while any(thread.is_alive() for thread in threads):
            assert time.monotonic() < waited + TIMEOUT + 10, "the rewrites never ended"
            for name, (path, body) in CHECKS.items():
                started = time.monotonic()
                answer = requests.post(server.url + path, timeout=10, **body)  # before: hung
                checks.append((name, answer.status_code, time.monotonic() - started))
            states.add(requests.get(server.url + "/readyz", timeout=5).json()["checks"]["llm"])
            time.sleep(0.2)
        ready = requests.get(server.url + "/readyz", timeout=10).json()
    finally:
        stop_server(server)
        endpoint.stop()
    assert len(rewrites) == 8
    for seconds, body in rewrites:
        assert seconds < TIMEOUT + 3, f"a rewrite took {seconds:.1f} s"
        assert body["degraded"] and body["rewritten"] == "There is an error in this sentence."
        assert {w["code"] for w in body["warnings"]} <= {
            "llm-timeout",
            "llm-busy",
            "llm-unavailable",
        }
    assert {name for name, _, _ in checks} == set(CHECKS)
    for name, status, seconds in checks:
        assert status == 200 and seconds < 5.0, f"{name}: {status} in {seconds:.1f} s"
    # Before: "ready" throughout. Past half its time a call is slow, then it times out.
    assert "degraded (calls are slow)" in states, states
    assert ready["checks"]["llm"] == "degraded (calls time out)"
    # The model was asked once per place, and each call was cut off by its deadline.
    assert len(endpoint.calls) == MODEL_PLACES
    for call in endpoint.calls:
        assert call.ended is not None and call.ended - call.started < TIMEOUT + 1


def _rewrite(url: str, stream: bool) -> tuple[float, dict[str, Any]]:
    started = time.monotonic()
    answer = requests.post(
        url + "/v1/rewrite", json={"text": TEXT, "stream": stream}, timeout=TIMEOUT * 10
    )
    assert answer.status_code == 200
    if stream:
        name, body = parse_events(answer.text)[-1]
        assert name == "done", answer.text
    else:
        body = json.loads(answer.text)
    return time.monotonic() - started, body


def _in_background(work: Callable[[], object]) -> threading.Thread:
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread
