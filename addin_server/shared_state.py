"""The one Redis connection every instance-shared store uses, and whether Redis answers now.

With ``ADDIN_REDIS_URL`` the rate limits, token budgets and feedback counts of every instance
live in one Redis. When it goes away, each instance keeps serving from its own memory (a
limit then holds per process), says so in ``/readyz`` and logs one warning; a few seconds
later one caller tries Redis again, and the first answer puts every store back on it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import redis

T = TypeVar("T")
log = logging.getLogger(__name__)
# Redis answers in well under a millisecond; one that takes longer is as good as gone, and a
# request must not wait on it.
SOCKET_TIMEOUT_SECONDS = 0.5
# How long a process uses its memory after Redis failed before one caller tries it again.
RETRY_SECONDS = 3.0
UNAVAILABLE = "unavailable (using memory)"
# Where create_app keeps the process's SharedState (``app.extensions[SHARED_STATE_KEY]``).
SHARED_STATE_KEY = "penwise.shared_state"


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
    """Redis when configured and answering; otherwise ``None``, and the caller uses memory."""

    def __init__(
        self,
        url: str,
        *,
        retry_seconds: float = RETRY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.client = redis_client(url) if url else None
        self._retry_seconds = retry_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._down = False
        self._next_try = 0.0

    @property
    def configured(self) -> bool:
        """Whether ``ADDIN_REDIS_URL`` is set."""
        return self.client is not None

    def available(self) -> redis.Redis | None:
        """The client while Redis answers, or when it is due another try; else ``None``."""
        if self.client is None:
            return None
        with self._lock:
            if not self._down:
                return self.client
            now = self._clock()
            if now < self._next_try:
                return None
            self._next_try = now + self._retry_seconds  # this caller tries; others wait
            return self.client

    def run(self, work: Callable[[redis.Redis], T], fallback: Callable[[], T]) -> T:
        """``work(client)`` on Redis, or ``fallback()`` when Redis is off, down or fails."""
        client = self.available()
        if client is None:
            return fallback()
        import redis  # loaded already: there is a client

        try:
            result = work(client)
        except redis.RedisError as error:
            self.failed(error)
            return fallback()
        self.succeeded()
        return result

    def failed(self, error: Exception) -> None:
        """A Redis call failed: use memory for a while (warn once per outage)."""
        with self._lock:
            was_down, self._down = self._down, True
            self._next_try = self._clock() + self._retry_seconds
        if not was_down:
            log.warning(
                "Redis (ADDIN_REDIS_URL) is unavailable (%s): this process keeps rate limits "
                "and budgets in its own memory until Redis answers again",
                type(error).__name__,
            )

    def succeeded(self) -> None:
        """A Redis call worked: every store uses Redis again."""
        with self._lock:
            was_down, self._down = self._down, False
        if was_down:
            log.warning("Redis (ADDIN_REDIS_URL) answers again; shared state is back in Redis")

    def status(self) -> str:
        """``ok`` or ``unavailable (using memory)``, for ``/readyz`` (pings when due)."""
        return "ok" if self.run(lambda client: bool(client.ping()), lambda: False) else UNAVAILABLE
