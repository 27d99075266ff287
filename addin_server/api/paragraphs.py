"""``POST /v1/check/paragraphs``: check the paragraphs a writer changed, as they write."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from addin_server import languages
from addin_server.api.check import options_of
from addin_server.api.docs import documented
from addin_server.api.parsing import json_data, start_deadline, ui_language, validated
from addin_server.api.presenters import paragraphs_json
from addin_server.config import Settings
from addin_server.engines.paragraphs import Paragraph, check_paragraphs
from addin_server.errors import BatchTooLong, LiveCheckOff, ValidationFailed
from addin_server.observability.http import note_answer
from addin_server.schemas.paragraphs import ParagraphsRequestSchema, ParagraphsResponseSchema
from addin_server.services import services

blueprint = Blueprint("paragraphs", __name__)
_request_schema = ParagraphsRequestSchema()


@blueprint.post("/v1/check/paragraphs")
@documented(
    summary="Check a batch of paragraphs, each on its own: checking as you write.",
    tag="check",
    request=ParagraphsRequestSchema,
    response=ParagraphsResponseSchema,
    errors=(400, 403, 413, 415, 422),
)
def check_paragraphs_view() -> ResponseReturnValue:
    """Check each paragraph as if it were the whole text; answer issues per paragraph id."""
    app_services = services()
    settings = app_services.settings
    if settings.live.live_check == "disabled":
        raise LiveCheckOff(
            "Checking as you write is switched off on this server (ADDIN_LIVE_CHECK=disabled); "
            "use POST /v1/check."
        )
    payload = _batch(json_data(), settings)
    paragraphs = [Paragraph(item["id"], item["text"]) for item in payload["paragraphs"]]
    start_deadline()
    language = languages.requested(payload.get("language"), settings.request.default_language)
    # A model costs money on every pause in typing: only an organisation that says so pays.
    engine, notices = app_services.pick("local" if settings.live.live_engine == "local" else "auto")
    checks = check_paragraphs(engine, paragraphs, options_of(payload, language))
    for check in checks:
        note_answer(check.result)
    return jsonify(
        paragraphs_json(
            checks, language, engine.name, notices, app_services.model, ui=ui_language(payload)
        )
    )


def _batch(data: Any, settings: Settings) -> dict[str, Any]:
    """The validated batch, within the server's limits, with unique ids."""
    most = settings.live.live_max_paragraphs
    given = data.get("paragraphs") if isinstance(data, dict) else None
    # Counted before each paragraph is validated: a long list would take seconds.
    if isinstance(given, list) and len(given) > most:
        message = (
            f"{len(given):,} paragraphs; this server checks at most {most:,} at once "
            "(ADDIN_LIVE_MAX_PARAGRAPHS). Send smaller batches."
        )
        raise ValidationFailed({"paragraphs": [message]}, message)
    payload = validated(_request_schema, data)
    seen: set[str] = set()
    for item in payload["paragraphs"]:
        if item["id"] in seen:
            message = f"The id “{item['id']}” is given twice; each paragraph's id must be unique."
            raise ValidationFailed({"paragraphs": [message]}, message)
        seen.add(item["id"])
    limit = min(settings.live.live_max_chars, settings.request.max_text_chars)
    total = sum(len(item["text"]) for item in payload["paragraphs"])
    if total > limit:
        raise BatchTooLong(
            f"The paragraphs hold {total:,} characters; this server checks at most {limit:,} "
            "at once (ADDIN_LIVE_MAX_CHARS). Send fewer paragraphs, or check a paragraph this "
            "long with POST /v1/check."
        )
    return payload
