"""Where the state a server's worker processes share lives, and whether Redis answers.

Without ``ADDIN_REDIS_URL``, in this machine's store (:mod:`addin_server.store`: SQLite in a
folder of the server's own): every worker counts into, and reads from, the same rate-limit
windows, budgets, feedback counts and circuit state, so the server behaves as one process.

With it, in Redis, shared by every instance on every machine; while Redis is away, in this
machine's store again, so no request fails and the machine's workers still agree:

- counts (budgets, feedback) are written to Redis with an id, so a write that timed out
  but was applied late is never counted twice; what Redis could not take waits in the
  machine's outbox and is handed over when it answers again, and until then a read says
  it is incomplete (:class:`addin_server.store.shared_counts.SharedCounts`);
- rate-limit windows count on the machine while Redis is away, and on Redis again as soon
  as it answers.

A watcher thread in each serving process pings Redis every second (every half second while
it is away), so an outage and a recovery are noticed whatever the traffic, within a second,
and each is logged once per server: the machine's store says which process saw it first.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from addin_server.store.counts import LocalCounts
from addin_server.store.shared_counts import SharedCounts

if TYPE_CHECKING:
    import redis

T = TypeVar("T")
log = logging.getLogger(__name__)
# Redis answers in well under a millisecond; one that takes longer is as good as gone, and a
# request must not wait on it.
SOCKET_TIMEOUT_SECONDS = 0.5
WATCH_SECONDS = 1.0  # between pings while Redis answers
WATCH_AWAY_SECONDS = 0.5  # between pings while it is away
UNAVAILABLE = "unavailable (counting on this machine)"
# Where create_app keeps the app's SharedState (``app.extensions[SHARED_STATE_KEY]``).
SHARED_STATE_KEY = "penwise.shared_state"
_REDIS_FACT = "redis"  # "up" or "down", as the first process to see a change wrote it
_FACT_SECONDS = 10 * 365 * 86_400.0


def redis_client(url: str) -> redis.Redis:
    """A client for ``url`` with short timeouts and no retries: a failure falls back at once."""
    import redis  # here, not above: a server without ADDIN_REDIS_URL never loads it
    from redis.backoff import NoBackoff
    from redis.retry import Retry

    return redis.Redis.from_url(
        url,
        socket_timeout=SOCKET_TIMEOUT_SECONDS,
        socket_connect_timeout=SOCKET_TIMEOUT_SECONDS,
        retry=Retry(NoBackoff(), 0),
        health_check_interval=30,
    )


class SharedState:
    """This machine's store, and Redis when configured and answering."""

    def __init__(self, url: str, folder: Path) -> None:
        self.url = url
        self.client = redis_client(url) if url else None
        self.folder = folder
        self.local = LocalCounts(folder)
        self._lock = threading.Lock()
        self._away = False
        self._watcher_pid = 0
        self.counts = SharedCounts(self)
        self._closed = False

    @property
    def configured(self) -> bool:
        """Whether ``ADDIN_REDIS_URL`` is set."""
        return self.client is not None

    @property
    def away(self) -> bool:
        """Whether Redis is configured and this process has found it away."""
        return self._away

    def available(self) -> redis.Redis | None:
        """The client while Redis answers; ``None`` without Redis or while it is away."""
        if self.client is None:
            return None
        self.watch()
        return None if self._away else self.client

    def run(self, work: Callable[[redis.Redis], T], fallback: Callable[[], T]) -> T:
        """``work(client)`` on Redis, or ``fallback()`` when Redis is off, away or fails."""
        client = self.available()
        if client is None:
            return fallback()
        import redis  # loaded already: there is a client

        try:
            return work(client)
        except redis.RedisError as error:
            self.failed(error)
            return fallback()

    def failed(self, error: Exception) -> None:
        """A Redis call failed: count on this machine until Redis answers a ping."""
        with self._lock:
            was_away, self._away = self._away, True
        if not was_away and self.local.change_fact(_REDIS_FACT, "down", _FACT_SECONDS):
            log.warning(
                "Redis (ADDIN_REDIS_URL) is unavailable (%s): rate limits, budgets and "
                "feedback are counted on this machine until it answers again",
                type(error).__name__,
            )

    def ping(self) -> bool:
        """Ask Redis whether it answers, and learn from the answer: once it answers again,
        it is handed the counts kept on the machine meanwhile."""
        if self.client is None:
            return False
        import redis

        try:
            self.client.ping()
        except redis.RedisError as error:
            self.failed(error)
            return False
        with self._lock:
            was_away, self._away = self._away, False
        if was_away and self.local.change_fact(_REDIS_FACT, "up", _FACT_SECONDS):
            log.warning(
                "Redis (ADDIN_REDIS_URL) answers again: rate limits, budgets and feedback "
                "are counted there again"
            )
        # What waits on the machine goes over: this process's, or that of a worker that
        # died before it could hand it over.
        if was_away or self.local.holds_any():
            self.counts.hand_over()
        return True

    def status(self) -> str:
        """``ok`` or ``unavailable (counting on this machine)``, for ``/readyz``."""
        if self.client is None:
            return "ok"
        return UNAVAILABLE if self._away or not self.ping() else "ok"

    def watch(self) -> None:
        """Start this process's watcher thread, unless it runs already."""
        if self.client is None or self._closed or self._watcher_pid == os.getpid():
            return
        with self._lock:
            if self._watcher_pid == os.getpid():
                return
            self._watcher_pid = os.getpid()
        thread = threading.Thread(
            target=_watch, args=(weakref.ref(self),), name="redis watcher", daemon=True
        )
        thread.start()

    def close(self) -> None:
        """Stop the watcher (within a second); the state answers on, without it."""
        self._closed = True

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed


def _watch(state_ref: weakref.ref[SharedState]) -> None:
    """Ping Redis while the state lives, is open and has its folder (an app that is gone has
    removed it)."""
    while True:
        state = state_ref()
        if state is None or state.closed or not state.folder.exists():
            return
        try:
            state.ping()
        except Exception:  # the watcher must outlive whatever a recovery's work raises
            log.exception("the Redis watcher failed once; it goes on")
        pause = WATCH_AWAY_SECONDS if state.away else WATCH_SECONDS
        del state
        time.sleep(pause)
