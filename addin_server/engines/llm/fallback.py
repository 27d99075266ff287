"""When the model fails, the local engine answers, and the answer says so.

A :class:`Guard` lives for one request. The first failure that says the endpoint itself is
unwell (unreachable, timing out, rate-limited, 5xx) trips it, so the request's remaining
chunks go straight to the local engine instead of each waiting out the same failure.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from addin_server.engines.fanout import ChunkOutcome, DeadlinePassed
from addin_server.engines.llm.errors import LlmError
from addin_server.records import Notice

T = TypeVar("T")
UNEXPECTED_CAUSE = (
    "llm-failed",
    "The model engine failed on this text (the server log has the details).",
)
DEADLINE_CAUSE = (
    "llm-deadline",
    "The request's time (ADDIN_REQUEST_DEADLINE) ran out before the model was asked.",
)


class Guard:
    """Run one request's model calls; after an endpoint failure, skip the rest."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tripped: LlmError | None = None
        # The request's context (who pays: spending.PAYER), for the fan-out's threads.
        self._context = contextvars.copy_context()

    def call(self, work: Callable[[], T]) -> T:
        """Run ``work``, or raise the earlier failure when the endpoint is known down."""
        with self._lock:
            tripped = self._tripped
        if tripped is not None:
            raise tripped
        try:
            return self._context.copy().run(work)
        except LlmError as error:
            if error.trips:
                with self._lock:
                    self._tripped = self._tripped or error
            raise


def failed(outcomes: Sequence[ChunkOutcome[Any]]) -> list[ChunkOutcome[Any]]:
    """The outcomes whose chunk the model did not process."""
    return [outcome for outcome in outcomes if not outcome.ok]


def notices(outcomes: Sequence[ChunkOutcome[Any]], instead: str) -> tuple[Notice, ...]:
    """One warning per cause of failure: what failed, what to do, and what answered
    ``instead`` (a sentence such as "The local engine answered instead.")."""
    failures = failed(outcomes)
    if not failures:
        return ()
    scope = (
        ""
        if len(failures) == len(outcomes)
        else (f"For {len(failures)} of {len(outcomes)} parts of the text: ")
    )
    found: dict[str, Notice] = {}
    for outcome in failures:
        error = outcome.error
        if isinstance(error, LlmError):
            code, said = error.code, str(error)
        elif isinstance(error, DeadlinePassed):
            code, said = DEADLINE_CAUSE
        else:
            code, said = UNEXPECTED_CAUSE
        found.setdefault(code, Notice(code, f"{scope}{said} {instead}"))
    return tuple(found.values())


def merge_notices(*groups: Sequence[Notice]) -> tuple[Notice, ...]:
    """All notices once each, in order."""
    return tuple(dict.fromkeys(notice for group in groups for notice in group))
