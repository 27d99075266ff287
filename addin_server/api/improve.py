"""``POST /v1/improve``: the sidebar's one click, issues and a rewrite preview together."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from addin_server.api.check import check_options
from addin_server.api.docs import documented
from addin_server.api.parsing import json_body, require_text_within_limit
from addin_server.api.presenters import check_json, rewrite_json
from addin_server.api.rewrite import rewrite_options
from addin_server.engines.improve import improve as improve_with
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
    payload = json_body(_request_schema)
    text = require_text_within_limit(payload["text"])
    engine, notices = services().pick(payload["engine"])
    checked, rewritten = improve_with(
        engine, text, check_options(payload), rewrite_options(payload)
    )
    checked = with_notices(checked, notices)
    check_part, rewrite_part = check_json(text, checked), rewrite_json(text, rewritten)
    warnings = check_part["warnings"] + [
        w for w in rewrite_part["warnings"] if w not in check_part["warnings"]
    ]
    return jsonify(
        {
            "issues": check_part["issues"],
            "rewrite": {"rewritten": rewrite_part["rewritten"], "edits": rewrite_part["edits"]},
            "language": check_part["language"],
            "engine": check_part["engine"],
            "degraded": check_part["degraded"] or rewrite_part["degraded"],
            "warnings": warnings,
            "incomplete": check_part["incomplete"] or rewrite_part["incomplete"],
            "unprocessed": check_part["unprocessed"] + rewrite_part["unprocessed"],
            "stats": check_part["stats"],
        }
    )
