"""``POST /v1/improve``: the task pane's one click, issues and a rewrite preview together."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from addin_server.api.check import check_options
from addin_server.api.docs import documented
from addin_server.api.parsing import engine_request
from addin_server.api.presenters import improve_json
from addin_server.api.rewrite import rewrite_options
from addin_server.engines.improve import improve as improve_with
from addin_server.observability.http import note_answer
from addin_server.schemas.rewrite import ImproveRequestSchema, ImproveResponseSchema
from addin_server.services import services, with_notices

blueprint = Blueprint("improve", __name__)
_request_schema = ImproveRequestSchema()


@blueprint.post("/v1/improve")
@documented(
    summary="Check a text and preview a rewrite in one round trip.",
    tag="rewrite",
    request=ImproveRequestSchema,
    response=ImproveResponseSchema,
    errors=(400, 413, 415, 422, 503),
)
def improve() -> ResponseReturnValue:
    """Return the text's issues and a rewrite preview."""
    asked = engine_request(_request_schema)
    checked, rewritten = improve_with(
        asked.engine, asked.text, check_options(asked), rewrite_options(asked)
    )
    checked = note_answer(with_notices(checked, asked.notices))
    return jsonify(
        improve_json(asked.text, checked, note_answer(rewritten), services().model, ui=asked.ui)
    )
