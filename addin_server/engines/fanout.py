"""Run an operation over a document's chunks in parallel and stitch the answers back.

Each chunk is worked on as its own text; issues and edits come back in chunk coordinates and
are shifted to document coordinates here. A chunk that fails does not sink the others: its
range is reported as unprocessed (LanguageTool's ``incompleteResults``), and so is a chunk not
started by the request's deadline.

The deadline is a context variable, :data:`DEADLINE`, set by the API layer for each request
(``ADDIN_REQUEST_DEADLINE``) rather than a field of the options: like the model's payer
(:mod:`engines.llm.spending`) it concerns the request, not what to do with the text, and it
must reach every check a request makes (a rewrite's re-checks, the local engine answering for
the model) without each signature passing it on. It is read in the request's thread and
handed to :func:`run_chunks`, so the fan-out's threads need no copy of the context.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Generic, TypeVar

from addin_server.observability.metrics import count_chunks
from addin_server.records import Idea, Issue, Span
from addin_server.text.chunking import Chunk

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)  # an outcome of issues is one of a sequence of them
log = logging.getLogger(__name__)

# When the current request's work must stop starting: a time.monotonic() value, or None.
DEADLINE: ContextVar[float | None] = ContextVar("penwise_deadline", default=None)


class DeadlinePassed(Exception):
    """The request's deadline came before this chunk was started."""


def deadline_passed() -> bool:
    """Whether the current request's deadline has come."""
    deadline = DEADLINE.get()
    return deadline is not None and time.monotonic() >= deadline


@dataclass(frozen=True, slots=True)
class ChunkOutcome(Generic[T_co]):
    """What the work on one chunk gave: a value, or the error that stopped it."""

    chunk: Chunk
    value: T_co | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        """Whether the chunk was processed."""
        return self.error is None


def run_chunks(
    text: str,
    chunks: Sequence[Chunk],
    work: Callable[[str, Chunk], T],
    max_workers: int,
    deadline: float | None = None,
    pool: Executor | None = None,
) -> list[ChunkOutcome[T]]:
    """Call ``work(chunk_text, chunk)`` for every chunk, at most ``max_workers`` at once,
    and return the outcomes in document order; no chunk starts after ``deadline`` (a
    ``time.monotonic()`` value), its outcome is a :class:`DeadlinePassed` error.

    With ``pool``, every chunk (even a lone one) runs on that long-lived executor, whose
    size is then the limit: Harper keeps part of what it builds per thread, so a lint on a
    thread new to it can cost 1.5 s more (see :mod:`.local.lint_threads`).
    """

    def attempt(chunk: Chunk) -> ChunkOutcome[T]:
        if deadline is not None and time.monotonic() >= deadline:
            return ChunkOutcome(chunk, error=DeadlinePassed())
        try:
            return ChunkOutcome(chunk, work(text[chunk.span.start : chunk.span.end], chunk))
        except Exception as error:  # one chunk's failure is reported, not raised
            return _failed(chunk, error)
        except BaseException as error:
            # A panic in a Rust extension (Harper) arrives as pyo3's PanicException, which
            # is not an Exception; it fails the chunk, not the request.
            if type(error).__name__ != "PanicException":
                raise
            return _failed(chunk, error)

    count_chunks(len(chunks))
    if pool is not None:
        outcomes = [future.result() for future in [pool.submit(attempt, c) for c in chunks]]
    elif len(chunks) <= 1 or max_workers <= 1:
        outcomes = [attempt(chunk) for chunk in chunks]
    else:
        with ThreadPoolExecutor(max_workers=min(max_workers, len(chunks))) as pool:
            outcomes = list(pool.map(attempt, chunks))
    late = sum(isinstance(outcome.error, DeadlinePassed) for outcome in outcomes)
    if late:
        log.warning("deadline passed: %d of %d chunks not started", late, len(outcomes))
    return outcomes


def _failed(chunk: Chunk, error: BaseException) -> ChunkOutcome[T]:
    # The type only: an error's message may quote the user's text.
    log.warning("chunk %s failed: %s", chunk.span, type(error).__name__)
    return ChunkOutcome(chunk, error=error)


def unprocessed(outcomes: Sequence[ChunkOutcome[T]]) -> tuple[Span, ...]:
    """The document ranges of the chunks that failed."""
    return tuple(outcome.chunk.span for outcome in outcomes if not outcome.ok)


def stitch_issues(outcomes: Sequence[ChunkOutcome[Sequence[Issue]]]) -> tuple[Issue, ...]:
    """Shift every chunk's issues to document offsets, in document order."""
    return tuple(
        issue.shifted(outcome.chunk.span.start)
        for outcome in outcomes
        if outcome.ok and outcome.value is not None
        for issue in outcome.value
    )


def rewrite_pieces(text: str, outcomes: Sequence[ChunkOutcome[str]]) -> list[str]:
    """Each chunk's rewrite in place of its text, in order (joined: the rewritten text); a
    failed chunk keeps its original text.

    Each chunk's rewrite replaces only the chunk without its leading and trailing
    whitespace, so the original whitespace between chunks is kept.
    """
    pieces = []
    for outcome in outcomes:
        original = text[outcome.chunk.span.start : outcome.chunk.span.end]
        if not outcome.ok or outcome.value is None or not original.strip():
            pieces.append(original)
            continue
        lead = original[: len(original) - len(original.lstrip())]
        trail = original[len(original.rstrip()) :]
        pieces.append(lead + outcome.value.strip() + trail)
    return pieces


def unique_ideas(ideas: Iterable[Idea]) -> tuple[Idea, ...]:
    """``ideas`` in order, without duplicates (same kind and text, any case)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for idea in ideas:
        key = (idea.kind.value, " ".join(idea.text.lower().split()))
        if key not in seen:
            seen.add(key)
            kept.append(idea)
    return tuple(kept)
