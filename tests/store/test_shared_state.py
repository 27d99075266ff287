"""With Redis: a count is written once, never twice, whatever Redis does; what it could not
take is handed over when it returns; an outage and a recovery are each logged once per
server, when they happen, with no traffic at all."""

from __future__ import annotations

import logging
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import redis

from addin_server.observability.feedback import PREFIX, FeedbackStore, hour_of
from addin_server.store.counts import Pending
from addin_server.store.shared_state import SharedState
from tests.conftest import free_port, shared_state
from tests.limits.conftest import RedisServer, start_redis

RULE = "style.wordiness"


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "not within the time"
        time.sleep(0.05)


def in_redis(url: str) -> int:
    """The feedback count of the current hour as Redis holds it."""
    counts = redis.Redis.from_url(url).hgetall(f"{PREFIX}{hour_of(time.time())}")
    return int(counts.get(f"rule:{RULE}:applied".encode(), 0))


def test_a_write_that_times_out_and_lands_late_counts_once(redis_server: RedisServer) -> None:
    """Redis frozen (SIGSTOP) for longer than a write's timeout, then resumed: the writes it
    held are applied late, and the same counts come back from the outbox; each counts once."""
    shared = shared_state(redis_server.url)
    store = FeedbackStore(shared.counts)
    for _ in range(3):
        store.record(RULE, "applied")
    redis_server.process.send_signal(signal.SIGSTOP)
    try:
        for _ in range(5):  # the first times out (its write waits in Redis); the rest wait here
            store.record(RULE, "applied")
        during = store.summary(time.time())
        assert not during.complete and during.rules[RULE].applied == 5
    finally:
        redis_server.process.send_signal(signal.SIGCONT)
    wait_for(lambda: not shared.away and not shared.local.holds_any())
    assert in_redis(redis_server.url) == 8
    after = store.summary(time.time())
    assert after.complete and after.rules[RULE].applied == 8


def test_a_count_redis_took_already_is_not_counted_again(redis_server: RedisServer) -> None:
    """A write that timed out may land in Redis and wait in the outbox too: handing the
    outbox over then writes it again, by its id, and Redis counts it once."""
    shared = shared_state(redis_server.url)
    key = f"{PREFIX}{hour_of(time.time())}"
    late = Pending("a-write-that-timed-out", key, {f"rule:{RULE}:applied": 1}, 3600)
    for _ in range(2):  # landed late, then handed over from the outbox
        shared.local.hold(late)
        shared.counts.hand_over()
    assert in_redis(redis_server.url) == 1 and not shared.local.holds_any()


@pytest.mark.slow
def test_counts_kept_during_an_outage_go_to_redis_when_it_returns(tmp_path: Path) -> None:
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    shared = shared_state(url)
    store = FeedbackStore(shared.counts)
    for _ in range(3):
        store.record(RULE, "applied")  # refused: kept on the machine
    server = start_redis(tmp_path, port)
    try:
        wait_for(lambda: in_redis(url) == 3)
        assert store.summary(time.time()).rules[RULE].applied == 3
    finally:
        server.stop()


def test_an_outage_and_a_recovery_are_logged_once_with_no_traffic(
    redis_server: RedisServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Two workers of one server (one state folder): each notices by itself, one logs."""
    workers = [SharedState(redis_server.url, tmp_path) for _ in range(2)]
    port = int(redis_server.url.rsplit(":", 1)[1].split("/")[0])

    def logged(words: str) -> int:
        return sum(words in record.getMessage() for record in caplog.records)

    with caplog.at_level(logging.WARNING, logger="addin_server"):
        for worker in workers:
            worker.watch()
        redis_server.stop()
        wait_for(lambda: all(worker.away for worker in workers) and logged("is unavailable") > 0)
        back = start_redis(tmp_path, port)
        try:
            wait_for(lambda: not any(worker.away for worker in workers))
            wait_for(lambda: logged("Redis (ADDIN_REDIS_URL) answers again") > 0)
            time.sleep(1.5)  # every watcher has pinged again meanwhile
        finally:
            for worker in workers:
                worker.close()
            back.stop()
    assert logged("is unavailable") == 1
    assert logged("Redis (ADDIN_REDIS_URL) answers again") == 1
