"""A streamed rewrite: chunks stream from the model in parallel, the writer sees them in
document order, and a client that goes away stops every upstream call."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from addin_server.engines.base import RewriteOptions
from addin_server.engines.fanout import ChunkOutcome
from addin_server.engines.llm.errors import InvalidOutput
from addin_server.engines.llm.fallback import Guard
from addin_server.engines.llm.operations import (
    Operation,
    RewritePiece,
    build_request,
    rewrite_operation,
)
from addin_server.engines.llm.output import (
    check_schema,
    guard_answer,
    parse_json_object,
    rewrite_ceiling,
)
from addin_server.engines.llm.planning import plan_chunks
from addin_server.engines.llm.stream_text import ChunkShaper, Holdback, JsonStringField
from addin_server.engines.llm.transport import Cancellation
from addin_server.engines.streaming import Delta, Done, RewriteEvent, Waiting
from addin_server.observability.metrics import count_chunks
from addin_server.records import RewriteResult
from addin_server.text.chunking import Chunk, context_text

if TYPE_CHECKING:
    from addin_server.engines.llm.engine import LlmEngine

# How often the stream says "still here" while it waits: a write to a client that went
# away fails, which is how the server learns to stop.
WAIT_SECONDS = 1.0


@dataclass(frozen=True)
class _Finished:
    outcome: ChunkOutcome[RewritePiece]
    sent: bool  # whether any of the chunk's text went out


def stream_rewrite(engine: LlmEngine, text: str, options: RewriteOptions) -> Iterator[RewriteEvent]:
    """Yield the rewrite's text in document order, then :class:`Done` with the result."""
    if not text.strip():
        yield Done(RewriteResult(text, (), engine.name))
        return
    operation = rewrite_operation(options)
    chunks = plan_chunks(engine.config.window, text, operation)
    count_chunks(len(chunks))
    cancel, guard = Cancellation(), Guard()
    channels: list[queue.Queue[str | _Finished]] = [queue.Queue() for _ in chunks]
    pool = ThreadPoolExecutor(max_workers=min(engine.config.concurrency, len(chunks)))
    try:
        for index, chunk in enumerate(chunks):
            job = _Job(engine, operation, options, cancel, guard)
            pool.submit(job.produce, text, chunk, channels[index].put)
        outcomes: list[ChunkOutcome[RewritePiece]] = []
        for index, chunk in enumerate(chunks):
            finished = yield from _relay(channels[index])
            outcome = finished.outcome
            if not outcome.ok and not finished.sent:
                piece = text[chunk.span.start : chunk.span.end]
                shaper = ChunkShaper(piece)
                local = engine.local.rewrite(piece, options).rewritten
                yield Delta(shaper.feed(local) + shaper.finish())
            outcomes.append(outcome)
        yield Done(engine.rewrite_result(text, outcomes, options))
    finally:
        cancel.set()
        pool.shutdown(wait=False, cancel_futures=True)


def _relay(channel: queue.Queue[str | _Finished]) -> Iterator[RewriteEvent]:
    """Pass one chunk's text on until it finishes; return how it finished."""
    while True:
        try:
            item = channel.get(timeout=WAIT_SECONDS)
        except queue.Empty:
            yield Waiting()
            continue
        if isinstance(item, _Finished):
            return item  # type: ignore[return-value]
        if item:
            yield Delta(item)


@dataclass(frozen=True)
class _Job:
    """What every chunk's producer shares."""

    engine: LlmEngine
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
        engine = self.engine
        request, redaction = build_request(
            engine.caller, self.operation, piece, chunk.tokens, engine.config.redact_pii, context
        )
        field, holdback = JsonStringField("rewritten"), Holdback(redaction)
        raw: list[str] = []
        shown = 0
        ceiling = rewrite_ceiling(piece, self.options.length)
        for delta in engine.caller.stream(request, self.cancel):
            raw.append(delta)
            decoded = field.feed(delta)
            shown += len(decoded)
            if shown > ceiling:
                raise InvalidOutput("The model's rewrite ran far longer than the text.")
            send(shaper.feed(holdback.feed(decoded)))
        if self.cancel.is_set():
            raise InvalidOutput("The rewrite was cancelled.")
        answer = parse_json_object("".join(raw))
        check_schema(answer, request.accepts)
        guard_answer(answer, request.messages.system, request.original)
        value = self.operation.read(answer, piece, redaction)
        send(shaper.feed(holdback.flush()))
        return value
