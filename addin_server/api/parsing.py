"""Read request bodies into validated dictionaries, or raise the matching problem."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from flask import request
from marshmallow import Schema, ValidationError

from addin_server.engines.base import Engine
from addin_server.errors import MalformedBody, TextTooLong, UnsupportedMediaType, ValidationFailed
from addin_server.records import Notice
from addin_server.services import services


def json_body(schema: Schema) -> dict[str, Any]:
    """Parse the JSON body and validate it with ``schema``."""
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as JSON with Content-Type: application/json.")
    raw = request.get_data(cache=False)
    try:
        data = json.loads(raw)
    except UnicodeDecodeError:
        raise MalformedBody("The body is not valid UTF-8.") from None
    except json.JSONDecodeError as error:
        raise MalformedBody(
            f"The body is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    return validated(schema, data)


def validated(schema: Schema, data: Any) -> dict[str, Any]:
    """Validate ``data`` with ``schema``; a non-object or bad field becomes a 422."""
    if not isinstance(data, dict):
        raise ValidationFailed({"_body": ["The body must be a JSON object."]})
    try:
        return schema.load(data)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_body": error.messages}
        raise ValidationFailed(messages) from None


@dataclass(frozen=True, slots=True)
class EngineRequest:
    """A validated request for an engine operation: its fields, text and chosen engine."""

    payload: dict[str, Any]
    text: str
    engine: Engine
    # Warnings from choosing the engine (e.g. a model asked for but not configured).
    notices: tuple[Notice, ...]


def engine_request(schema: Schema) -> EngineRequest:
    """Validate the JSON body, check the text's length and pick the engine it asks for."""
    payload = json_body(schema)
    text = require_text_within_limit(payload["text"])
    engine, notices = services().pick(payload["engine"])
    return EngineRequest(payload, text, engine, notices)


def require_text_within_limit(text: str) -> str:
    """Return ``text``, or raise a 413 if it is longer than ``ADDIN_MAX_TEXT_CHARS``."""
    limit = services().settings.max_text_chars
    if len(text) > limit:
        raise TextTooLong(
            f"The text has {len(text):,} characters; this server accepts at most {limit:,} "
            "(ADDIN_MAX_TEXT_CHARS). Check a smaller selection."
        )
    return text
