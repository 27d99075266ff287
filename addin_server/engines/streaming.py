"""Rewrites as a stream of events, for any engine: text in document order, then the result.

An engine that can stream (the model engine) offers ``rewrite_stream``; any other engine's
rewrite is sent as one piece of text followed by its result.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from addin_server.engines.base import Engine, RewriteOptions
from addin_server.records import RewriteResult


@dataclass(frozen=True, slots=True)
class Delta:
    """More of the rewrite, to append to what came before."""

    text: str


@dataclass(frozen=True, slots=True)
class Waiting:
    """Nothing new yet; lets the server notice a client that went away."""


@dataclass(frozen=True, slots=True)
class Done:
    """The final result; its ``rewritten`` is authoritative (after a fallback it can differ
    from the streamed text)."""

    result: RewriteResult


RewriteEvent = Delta | Waiting | Done


@runtime_checkable
class StreamingEngine(Protocol):
    """An engine that can stream a rewrite."""

    def rewrite_stream(self, text: str, options: RewriteOptions) -> Iterator[RewriteEvent]:
        """Yield deltas in document order, then :class:`Done`."""
        ...


def rewrite_events(engine: Engine, text: str, options: RewriteOptions) -> Iterator[RewriteEvent]:
    """The events of a rewrite by ``engine``, streamed when the engine can."""
    if isinstance(engine, StreamingEngine):
        yield from engine.rewrite_stream(text, options)
        return
    result = engine.rewrite(text, options)
    if result.rewritten:
        yield Delta(result.rewritten)
    yield Done(result)
