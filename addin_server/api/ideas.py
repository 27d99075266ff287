"""``POST /v1/ideas``: ways to continue, expand, question or counter a text."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.api.parsing import engine_request
from addin_server.api.presenters import ideas_json
from addin_server.engines.base import IdeaOptions
from addin_server.observability.http import note_answer
from addin_server.records import IdeaKind
from addin_server.schemas.ideas import IdeasRequestSchema, IdeasResponseSchema
from addin_server.services import services, with_notices

blueprint = Blueprint("ideas", __name__)
_request_schema = IdeasRequestSchema()


@blueprint.post("/v1/ideas")
@documented(
    summary="Suggest idea prompts for a text.",
    tag="ideas",
    request=IdeasRequestSchema,
    response=IdeasResponseSchema,
    errors=(400, 413, 415, 422, 501, 503),
)
def ideas() -> ResponseReturnValue:
    """Return idea prompts of the asked kinds, in the order asked."""
    asked = engine_request(_request_schema)
    payload = asked.payload
    options = IdeaOptions(
        kinds=tuple(dict.fromkeys(IdeaKind(kind) for kind in payload["kinds"])),
        count=payload["count"],
        language=asked.language,
    )
    result = asked.engine.ideas(asked.text, options)
    result = note_answer(with_notices(result, asked.notices))
    return jsonify(ideas_json(asked.text, result, services().model, ui=asked.ui))
