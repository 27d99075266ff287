"""Who pays for a request's model calls, and the daily budget they are paid from.

The API layer names the payer (an API key's id, or the client's address) in :data:`PAYER`
before a view runs; the engine reads it where the calls are made. A context variable rather
than a field of the options: the options say what to do with the text and are shared with
the local engine, while the payer concerns only the model calls, deep inside the fan-out.
The request's :class:`~.fallback.Guard` carries the variable into the fan-out's threads.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Protocol

from addin_server.engines.llm.errors import BudgetSpent

PAYER: ContextVar[str | None] = ContextVar("penwise_llm_payer", default=None)


class TokenBudget(Protocol):
    """Tokens each payer may spend on model calls."""

    def spent(self, payer: str) -> bool:
        """Whether ``payer`` has nothing left to spend."""
        ...

    def charge(self, payer: str, tokens: int) -> None:
        """Record that ``payer`` spent ``tokens``."""
        ...


def require_budget(budget: TokenBudget | None) -> str | None:
    """The current payer, or raise :class:`BudgetSpent` when its budget is spent."""
    payer = PAYER.get()
    if budget is not None and payer is not None and budget.spent(payer):
        raise BudgetSpent(
            "This API key's daily model budget (ADDIN_LLM_DAILY_TOKENS) is spent until "
            "midnight UTC."
        )
    return payer


def charge(budget: TokenBudget | None, payer: str | None, tokens: int) -> None:
    """Charge ``payer`` for ``tokens`` (nothing without a budget or a payer)."""
    if budget is not None and payer is not None and tokens > 0:
        budget.charge(payer, tokens)
