"""``POST /v1/check``: grammar, spelling and style issues with exact positions."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.api.parsing import EngineRequest, engine_request
from addin_server.api.presenters import check_json
from addin_server.engines.base import CheckOptions, Markup
from addin_server.errors import ValidationFailed
from addin_server.observability.http import note_answer
from addin_server.rules.base import Rule
from addin_server.rules.guide import GuideError, guide_rules
from addin_server.schemas.check import CheckRequestSchema, CheckResponseSchema
from addin_server.services import services, with_notices

blueprint = Blueprint("check", __name__)
_request_schema = CheckRequestSchema()


def check_options(asked: EngineRequest) -> CheckOptions:
    """The check options of a validated ``/v1/check`` (or ``/v1/improve``) request."""
    return options_of(asked.payload, asked.language)


def options_of(payload: dict[str, Any], language: str) -> CheckOptions:
    """The check options of a validated payload with :class:`CheckOptionsSchema`'s fields,
    in ``language`` (the server's default already applied)."""
    return CheckOptions(
        language=language,
        markup=Markup(payload["format"]),
        dictionary=frozenset(payload["dictionary"]),
        disabled_rules=frozenset(payload["disabled_rules"]),
        categories=frozenset(payload["categories"]),
        rules=request_guide_rules(payload),
    )


def request_guide_rules(payload: dict[str, Any]) -> tuple[Rule, ...]:
    """The rules of the request's own ``style_guide``, or a 422 saying what is wrong."""
    guide = payload.get("style_guide")
    try:
        return guide_rules(guide) if guide is not None else ()
    except GuideError as error:
        raise ValidationFailed({"style_guide": error.messages()}) from None


@blueprint.post("/v1/check")
@documented(
    summary="Find grammar, spelling and style issues in a text.",
    tag="check",
    request=CheckRequestSchema,
    response=CheckResponseSchema,
    errors=(400, 413, 415, 422),
)
def check() -> ResponseReturnValue:
    """Check the posted text and return its issues in document order."""
    asked = engine_request(_request_schema)
    result = asked.engine.check(asked.text, check_options(asked))
    result = note_answer(with_notices(result, asked.notices))
    return jsonify(check_json(asked.text, result, services().model, ui=asked.ui))
