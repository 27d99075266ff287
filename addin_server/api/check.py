"""``POST /v1/check``: grammar and spelling issues with exact positions."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.api.parsing import json_body, require_text_within_limit
from addin_server.api.presenters import check_json
from addin_server.engines.base import CheckOptions, Markup
from addin_server.schemas.check import CheckRequestSchema, CheckResponseSchema
from addin_server.services import services

blueprint = Blueprint("check", __name__)
_request_schema = CheckRequestSchema()


@blueprint.post("/v1/check")
@documented(
    summary="Find grammar and spelling issues in a text.",
    tag="check",
    request=CheckRequestSchema,
    response=CheckResponseSchema,
    errors=(400, 413, 415, 422),
)
def check() -> ResponseReturnValue:
    """Check the posted text and return its issues in document order."""
    payload = json_body(_request_schema)
    text = require_text_within_limit(payload["text"])
    app_services = services()
    options = CheckOptions(
        language=payload["language"] or app_services.settings.default_language,
        markup=Markup(payload["format"]),
        dictionary=frozenset(payload["dictionary"]),
        disabled_rules=frozenset(payload["disabled_rules"]),
    )
    result = app_services.engine().check(text, options)
    return jsonify(check_json(text, result))
