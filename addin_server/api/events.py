"""Server-sent events for a streamed rewrite: ``delta`` events, then ``done`` or ``error``.

``delta`` carries ``{"text": ...}`` to append, in document order; ``done`` carries the same
body as a non-streamed ``/v1/rewrite`` answer (its ``rewritten`` is authoritative);
``error`` carries a problem+json body. Comment lines keep the connection alive while the
model thinks, and tell the server (by failing) that the client has gone.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator
from typing import Any

from flask import Response, request, stream_with_context

from addin_server.api.presenters import rewrite_json
from addin_server.engines.streaming import Delta, Done, RewriteEvent
from addin_server.errors import InternalError, engine_problem, problem_of
from addin_server.messages.catalog import ENGLISH
from addin_server.observability.http import note_answer
from addin_server.records import RewriteResult

EVENT_STREAM = "text/event-stream"
log = logging.getLogger(__name__)


def wants_event_stream(asked: bool) -> bool:
    """Whether to stream: ``stream: true`` in the body, or ``Accept: text/event-stream``."""
    return asked or request.accept_mimetypes.best == EVENT_STREAM


def event_stream_response(
    text: str,
    events: Iterator[RewriteEvent],
    finish: Callable[[RewriteResult], RewriteResult] = lambda result: result,
    model: str | None = None,
    *,
    ui: str = ENGLISH,
) -> Response:
    """Stream ``events`` as SSE; ``finish`` adjusts the final result (adds warnings);
    ``model`` is the configured model's name, for the result's provenance; the answer's
    messages are in ``ui``."""

    def generate() -> Iterator[str]:
        try:
            for event in events:
                if isinstance(event, Delta):
                    if event.text:
                        yield _event("delta", {"text": event.text})
                elif isinstance(event, Done):
                    done = note_answer(finish(event.result))
                    yield _event("done", rewrite_json(text, done, model, ui=ui))
                else:
                    yield ": waiting\n\n"
        except Exception as error:  # the stream has begun: report it in-band, never a trace
            problem = engine_problem(error)
            if problem is None:
                log.error("streamed rewrite failed: %s", type(error).__name__)
                problem = InternalError("The rewrite failed on the server; it has been logged.")
            yield _event("error", problem_of(problem))
        finally:
            close = getattr(events, "close", None)
            if close is not None:
                close()  # stops the upstream calls when the client went away

    return Response(
        stream_with_context(generate()),
        mimetype=EVENT_STREAM,
        # no-store, as every /v1 answer: it holds the writer's text (and no-transform keeps
        # proxies from compressing, so buffering, the events)
        headers={"Cache-Control": "no-store, no-transform", "X-Accel-Buffering": "no"},
    )


def _event(name: str, data: dict[str, Any]) -> str:
    return f"event: {name}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"
