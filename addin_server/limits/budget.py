"""The daily token budget of each payer (API key, or client address), per UTC day.

Counted where the server's workers share state (:mod:`addin_server.store.shared_state`): this
machine's store by default, so every worker draws on one budget; Redis with
``ADDIN_REDIS_URL`` (``INCRBY`` on ``penwise:llm-tokens:<day>:<payer>``, expiring after the
day), so every instance does. The check comes before a call and the charge after it, so
calls already under way when the budget runs out still finish: the budget can be overshot
by one request's calls, never more. While Redis is away, a payer's spending is counted on
the machine and handed to Redis when it returns; meanwhile the budget sees only what was
spent since Redis went away.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from addin_server.store.shared_state import SharedState

DAY_SECONDS = 86_400
PREFIX = "penwise:llm-tokens:"


class DailyTokenBudget:
    """``daily_tokens`` per payer per UTC day, counted through ``shared``."""

    def __init__(
        self,
        daily_tokens: int,
        shared: SharedState,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.daily_tokens = daily_tokens
        self._counts = shared.counts
        self._clock = clock

    def used(self, payer: str) -> int:
        """Tokens ``payer`` spent today."""
        return self._counts.read([self._key(payer)], single=True).counts[0].get("", 0)

    def spent(self, payer: str) -> bool:
        """Whether ``payer`` has used up today's tokens."""
        return self.used(payer) >= self.daily_tokens

    def charge(self, payer: str, tokens: int) -> None:
        """Add ``tokens`` to what ``payer`` spent today."""
        # The key outlives its day by an hour: clocks of the instances may differ a little.
        expires = DAY_SECONDS - int(self._clock()) % DAY_SECONDS + 3600
        self._counts.add(self._key(payer), {"": tokens}, expires)

    def _key(self, payer: str) -> str:
        return f"{PREFIX}{int(self._clock()) // DAY_SECONDS}:{payer}"
