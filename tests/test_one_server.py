"""One machine, many workers, one truth: ``addin-server serve`` with 2 workers and no Redis
keeps one rate limit, one set of feedback counts and one paragraph cache, whichever worker
answers, and a worker killed with SIGKILL loses none of them.

Every request goes on a new connection (the kernel hands each to either worker), as a
browser opening several connections or a proxy with a pool of its own does. The tests run
in order on one server; the killing comes last.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import LiveServer, start_server, stop_server
from tests.test_workers import workers_of

KEY_LIMIT = "limit-key-0123456789abcdef"
KEY_CACHE = "cache-key-0123456789abcdef"
KEY_COUNTS = "counts-key-0123456789abcdef"
PARAGRAPHS = [
    "Their is a error in the first paragraph, and we made a decision to plan ahead.",
    "The second paragraph is clean and short.",
    "In order to win, the team recieve alot of help from the third paragraph.",
    "A fourth paragraph, with an emoji 👍🏽 and a misspeling.",
    "The fifth paragraph says nothing wrong at all.",
    "The sixth and last paragraph ends the document.",
]

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not Path("/proc").exists(),
    reason="worker processes need fork(); the tests read /proc",
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    env = {
        "ADDIN_WORKERS": "2",
        "ADDIN_RATE_LIMIT": "20/minute",
        "ADDIN_API_KEYS": ",".join((KEY_LIMIT, KEY_CACHE, KEY_COUNTS)),
        "ADDIN_STATE_DIR": str(tmp_path_factory.mktemp("state")),
    }
    server = start_server(tmp_path_factory.mktemp("one-server"), env)
    yield server
    stop_server(server)


def call(server: LiveServer, method: str, path: str, key: str, **kwargs: Any) -> requests.Response:
    """One request on a connection of its own."""
    headers = {"X-API-Key": key, "Connection": "close"}
    return requests.request(method, server.url + path, headers=headers, timeout=30, **kwargs)


def check(server: LiveServer, text: str) -> dict[str, Any]:
    answer = call(server, "POST", "/v1/check", KEY_CACHE, json={"text": text})
    assert answer.status_code == 200, answer.text
    return answer.json()


def feedback_total(server: LiveServer) -> int:
    stats = call(server, "GET", "/v1/stats", KEY_COUNTS).json()
    assert stats["incomplete"] is False
    return sum(row["total"] for row in stats["rules"])


def test_a_limit_of_20_a_minute_lets_20_through_whatever_the_workers(server: LiveServer) -> None:
    codes = [call(server, "GET", "/v1/tones", KEY_LIMIT).status_code for _ in range(40)]
    assert codes.count(200) == 20 and codes.count(429) == 20, codes


def test_a_recheck_on_a_new_connection_is_served_from_the_paragraph_cache(
    server: LiveServer,
) -> None:
    first = check(server, "\n\n".join(PARAGRAPHS))
    assert first["cache"] == {"paragraphs": 6, "from_cache": 0}
    for turn in range(8):
        edited = list(PARAGRAPHS)
        edited[turn % 6] += f" Edit number {turn} is here."
        assert check(server, "\n\n".join(edited))["cache"] == {"paragraphs": 6, "from_cache": 5}


def test_feedback_counts_are_the_same_whichever_worker_answers(server: LiveServer) -> None:
    for _ in range(10):
        body = {"rule_id": "style.wordiness", "action": "applied"}
        assert call(server, "POST", "/v1/feedback", KEY_COUNTS, json=body).status_code == 204
    assert [feedback_total(server) for _ in range(5)] == [10] * 5


def test_a_worker_killed_with_sigkill_loses_no_count_and_no_cache(server: LiveServer) -> None:
    # Every worker that has served so far is killed, one after the other: what the tests
    # above counted and cached is now read by workers that never saw it.
    parent = server.process.pid
    for victim in workers_of(parent):
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 20
        while len(current := workers_of(parent)) < 2 or victim in current:
            assert time.monotonic() < deadline, f"no new worker: {current}"
            time.sleep(0.2)
    deadline = time.monotonic() + 20
    while server.log().count("serving on") < 4:  # the two new workers serve
        assert time.monotonic() < deadline, "the new workers never said they serve"
        time.sleep(0.1)
    assert call(server, "GET", "/v1/tones", KEY_LIMIT).status_code == 429  # the window holds
    assert feedback_total(server) == 10
    assert check(server, "\n\n".join(PARAGRAPHS))["cache"] == {"paragraphs": 6, "from_cache": 6}
    assert "Traceback" not in server.log()
