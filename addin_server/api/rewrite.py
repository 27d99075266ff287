"""``POST /v1/rewrite`` (a rewrite in a tone, with its edits) and ``GET /v1/tones``."""

from __future__ import annotations

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.api.events import event_stream_response, wants_event_stream
from addin_server.api.parsing import EngineRequest, engine_request, ui_language
from addin_server.api.presenters import rewrite_json
from addin_server.engines.base import Length, Markup, RewriteOptions
from addin_server.engines.streaming import rewrite_events
from addin_server.messages.catalog import localized
from addin_server.observability.http import note_answer
from addin_server.schemas.rewrite import (
    RewriteRequestSchema,
    RewriteResponseSchema,
    TonesResponseSchema,
)
from addin_server.services import services, with_notices
from addin_server.tones import Tone, all_tones

blueprint = Blueprint("rewrite", __name__)
_request_schema = RewriteRequestSchema()


def rewrite_options(asked: EngineRequest) -> RewriteOptions:
    """The rewrite options of a validated ``/v1/rewrite`` (or ``/v1/improve``) request."""
    payload = asked.payload
    return RewriteOptions(
        tone=payload["tone"],
        formality=payload["formality"],
        length=Length(payload["length"]),
        instruction=payload["instruction"],
        language=asked.language,
        markup=Markup(payload["format"]),
    )


@blueprint.post("/v1/rewrite")
@documented(
    summary="Rewrite a text in a tone; the edits turn the original into the rewrite. With "
    "`stream: true` (or `Accept: text/event-stream`) the answer is server-sent events: "
    "`delta` ({text}) in document order, then `done` (this body) or `error` (a problem).",
    tag="rewrite",
    request=RewriteRequestSchema,
    response=RewriteResponseSchema,
    other_mimes=("text/event-stream",),
    errors=(400, 413, 415, 422, 503),
)
def rewrite() -> ResponseReturnValue:
    """Rewrite the posted text and return the rewrite and its word-level edits."""
    asked = engine_request(_request_schema)
    text, options = asked.text, rewrite_options(asked)
    if wants_event_stream(asked.payload["stream"]):
        return event_stream_response(
            text,
            rewrite_events(asked.engine, text, options),
            lambda result: with_notices(result, asked.notices),
            services().model,
            ui=asked.ui,
        )
    result = asked.engine.rewrite(text, options)
    result = note_answer(with_notices(result, asked.notices))
    return jsonify(rewrite_json(text, result, services().model, ui=asked.ui))


@blueprint.get("/v1/tones")
@documented(summary="The tones a rewrite can take.", tag="rewrite", response=TonesResponseSchema)
def tones() -> ResponseReturnValue:
    """Every tone with a one-line description, for the taskpane's picker, in the language
    ``Accept-Language`` (or ``?ui_language=``) asks for."""
    ui = ui_language(None, request.args.get("ui_language"))
    return jsonify(
        {
            "tones": [
                {"name": tone.name, "description": localized_tone(tone, ui)} for tone in all_tones()
            ],
            "ui_language": ui,
        }
    )


def localized_tone(tone: Tone, ui: str) -> str:
    """A tone's description in ``ui`` where the tables have it."""
    return localized(ui, tone.message_id, (), tone.description)[0]
