"""A streamed rewrite: chunks stream from the model in parallel, the writer sees them in
document order, and a client that goes away stops every upstream call."""

from __future__ import annotations

import queue
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass

from addin_server.engines.base import Engine, RewriteOptions
from addin_server.engines.fanout import ChunkOutcome
from addin_server.engines.llm.client import LlmConfig
from addin_server.engines.llm.errors import InvalidOutput, ModelBusy
from addin_server.engines.llm.fallback import Guard
from addin_server.engines.llm.operations import (
    Operation,
    RewritePiece,
    build_request,
    rewrite_operation,
)
from addin_server.engines.llm.output import rewrite_ceiling
from addin_server.engines.llm.places import ModelPlaces, model_place
from addin_server.engines.llm.planning import plan_chunks
from addin_server.engines.llm.rewrites import rewrite_result
from addin_server.engines.llm.stream_text import ChunkShaper, Holdback, JsonStringField
from addin_server.engines.llm.transport import Cancellation, ModelCaller, read_answer
from addin_server.engines.streaming import Delta, Done, RewriteEvent, Waiting
from addin_server.observability.metrics import count_chunks
from addin_server.records import RewriteResult
from addin_server.text.chunking import Chunk, context_text

# How often the stream says "still here" while it waits: a write to a client that went
# away fails, which is how the server learns to stop.
WAIT_SECONDS = 1.0


@dataclass(frozen=True)
class _Finished:
    outcome: ChunkOutcome[RewritePiece]
    sent: bool  # whether any of the chunk's text went out


@dataclass(frozen=True)
class StreamingParts:
    """What a streamed rewrite needs of the model engine: its settings, its caller, the
    engine that fills in for a failed chunk, and the name the result goes under."""

    config: LlmConfig
    caller: ModelCaller
    local: Engine
    name: str
    places: ModelPlaces | None = None


def stream_rewrite(
    parts: StreamingParts, text: str, options: RewriteOptions
) -> Iterator[RewriteEvent]:
    """Yield the rewrite's text in document order, then :class:`Done` with the result."""
    if not text.strip():
        yield Done(RewriteResult(text, (), parts.name))
        return
    operation = rewrite_operation(options)
    chunks = plan_chunks(parts.config.window, text, operation)
    count_chunks(len(chunks))
    with ExitStack() as held:
        try:
            held.enter_context(model_place(parts.places))
        except ModelBusy as busy:  # every chunk from the local engine
            busy_outcomes: list[ChunkOutcome[RewritePiece]] = [
                ChunkOutcome(chunk, error=busy) for chunk in chunks
            ]
            for outcome in busy_outcomes:
                yield _local_delta(parts, text, outcome.chunk, options)
            yield Done(rewrite_result(text, busy_outcomes, options, parts.local, parts.name))
            return
        yield from _stream_chunks(parts, text, chunks, operation, options)


def _stream_chunks(
    parts: StreamingParts,
    text: str,
    chunks: list[Chunk],
    operation: Operation[RewritePiece],
    options: RewriteOptions,
) -> Iterator[RewriteEvent]:
    cancel, guard = Cancellation(), Guard()
    channels: list[queue.Queue[str | _Finished]] = [queue.Queue() for _ in chunks]
    pool = ThreadPoolExecutor(max_workers=min(parts.config.concurrency, len(chunks)))
    try:
        for index, chunk in enumerate(chunks):
            job = _Job(parts, operation, options, cancel, guard)
            pool.submit(job.produce, text, chunk, channels[index].put)
        outcomes: list[ChunkOutcome[RewritePiece]] = []
        for index, chunk in enumerate(chunks):
            finished = yield from _relay(channels[index])
            outcome = finished.outcome
            if not outcome.ok and not finished.sent:
                yield _local_delta(parts, text, chunk, options)
            outcomes.append(outcome)
        yield Done(rewrite_result(text, outcomes, options, parts.local, parts.name))
    finally:
        cancel.set()
        pool.shutdown(wait=False, cancel_futures=True)


def _local_delta(parts: StreamingParts, text: str, chunk: Chunk, options: RewriteOptions) -> Delta:
    """The local engine's rewrite of a chunk the model did not stream."""
    piece = text[chunk.span.start : chunk.span.end]
    shaper = ChunkShaper(piece)
    return Delta(shaper.feed(parts.local.rewrite(piece, options).rewritten) + shaper.finish())


def _relay(channel: queue.Queue[str | _Finished]) -> Generator[RewriteEvent, None, _Finished]:
    """Pass one chunk's text on until it finishes; return how it finished."""
    while True:
        try:
            item = channel.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            yield Waiting()
            continue
        if isinstance(item, _Finished):
            return item
        if item:
            yield Delta(item)


@dataclass(frozen=True)
class _Job:
    """What every chunk's producer shares."""

    parts: StreamingParts
    operation: Operation[RewritePiece]
    options: RewriteOptions
    cancel: Cancellation
    guard: Guard

    def produce(self, text: str, chunk: Chunk, send: Callable[[str | _Finished], None]) -> None:
        """Stream one chunk into ``send``; always ends with a :class:`_Finished`."""
        piece = text[chunk.span.start : chunk.span.end]
        shaper = ChunkShaper(piece)
        context = context_text(text, chunk)
        try:
            value = self.guard.call(lambda: self._stream(piece, chunk, context, shaper, send))
        except Exception as error:  # reported in the outcome; the local engine fills in
            send(_Finished(ChunkOutcome(chunk, error=error), shaper.started))
            return
        send(shaper.finish())
        send(_Finished(ChunkOutcome(chunk, value), True))

    def _stream(
        self,
        piece: str,
        chunk: Chunk,
        context: str,
        shaper: ChunkShaper,
        send: Callable[[str], None],
    ) -> RewritePiece:
        parts = self.parts
        request, redaction = build_request(
            parts.caller, self.operation, piece, chunk.tokens, parts.config.redact_pii, context
        )
        field, holdback = JsonStringField("rewritten"), Holdback(redaction)
        raw: list[str] = []
        shown = 0
        ceiling = rewrite_ceiling(piece, self.options.length)
        for delta in parts.caller.stream(request, self.cancel):
            raw.append(delta)
            decoded = field.feed(delta)
            shown += len(decoded)
            if shown > ceiling:
                raise InvalidOutput("The model's rewrite ran far longer than the text.")
            send(shaper.feed(holdback.feed(decoded)))
        if self.cancel.is_set():
            raise InvalidOutput("The rewrite was cancelled.")
        value = read_answer(
            "".join(raw), request, lambda answer: self.operation.read(answer, piece, redaction)
        )
        send(shaper.feed(holdback.flush()))
        return value
