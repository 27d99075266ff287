"""The daily token budget of each payer (API key, or client address), per UTC day.

Counted in Redis (``INCRBY`` on ``penwise:llm-tokens:<day>:<payer>``, expiring after the
day) so that every instance draws on one budget; in this process's memory without Redis or
while it is away. The check comes before a call and the charge after it, so calls already
under way when the budget runs out still finish: the budget can be overshot by one
request's calls, never more.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from addin_server.shared_state import SharedState

DAY_SECONDS = 86_400
PREFIX = "penwise:llm-tokens:"


class DailyTokenBudget:
    """``daily_tokens`` per payer per UTC day, in Redis when it answers, else in memory."""

    def __init__(
        self,
        daily_tokens: int,
        shared: SharedState,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.daily_tokens = daily_tokens
        self._shared = shared
        self._clock = clock
        self._lock = threading.Lock()
        self._day = -1
        self._memory: dict[str, int] = {}

    def used(self, payer: str) -> int:
        """Tokens ``payer`` spent today."""
        key = self._key(payer)
        shared: int | None = self._shared.run(lambda client: _count(client.get(key)), lambda: None)
        if shared is not None:
            return shared
        with self._lock:
            self._roll_over()
            return self._memory.get(key, 0)

    def spent(self, payer: str) -> bool:
        """Whether ``payer`` has used up today's tokens."""
        return self.used(payer) >= self.daily_tokens

    def charge(self, payer: str, tokens: int) -> None:
        """Add ``tokens`` to what ``payer`` spent today."""
        key = self._key(payer)
        # The key outlives its day by an hour: clocks of the instances may differ a little.
        expires = DAY_SECONDS - int(self._clock()) % DAY_SECONDS + 3600

        def in_redis(client: object) -> bool:
            pipe = client.pipeline(transaction=False)  # type: ignore[attr-defined]
            pipe.incrby(key, tokens)
            pipe.expire(key, expires)
            pipe.execute()
            return True

        if not self._shared.run(in_redis, lambda: False):
            with self._lock:
                self._roll_over()
                self._memory[key] = self._memory.get(key, 0) + tokens

    def _key(self, payer: str) -> str:
        return f"{PREFIX}{int(self._clock()) // DAY_SECONDS}:{payer}"

    def _roll_over(self) -> None:
        day = int(self._clock()) // DAY_SECONDS
        if day != self._day:
            self._day, self._memory = day, {}


def _count(value: Any) -> int:
    """A count as Redis stores it (bytes of digits), 0 when absent."""
    return int(value or 0)
