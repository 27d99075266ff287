"""Read request bodies into validated dictionaries, or raise the matching problem."""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from flask import g, request
from marshmallow import Schema, ValidationError, fields, validate
from werkzeug.exceptions import RequestEntityTooLarge

from addin_server import languages
from addin_server.engines.base import Engine
from addin_server.engines.fanout import DEADLINE
from addin_server.errors import MalformedBody, TextTooLong, UnsupportedMediaType, ValidationFailed
from addin_server.limits.finish import when_finished
from addin_server.messages.choice import choose
from addin_server.records import Notice
from addin_server.services import services


def json_body(schema: Schema) -> dict[str, Any]:
    """Parse the JSON body and validate it with ``schema``."""
    return validated(schema, json_data())


def json_data() -> Any:
    """Parse the JSON body, not yet validated."""
    if not request.is_json:
        raise UnsupportedMediaType("Send the body as JSON with Content-Type: application/json.")
    return load_json(_body())


# No request of ours nests deeper than 4; JSON nested thousands deep would exhaust the
# parser's recursion (a 500), so it is refused before parsing.
MAX_JSON_DEPTH = 32
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')  # linear: no nested choice
_SQUARE = bytes.maketrans(b"{}", b"[]")
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


def load_json(raw: bytes | str, what: str = "The body") -> Any:
    """Parse JSON nested at most ``MAX_JSON_DEPTH`` deep, or raise :class:`MalformedBody`."""
    if _too_deep(raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw):
        raise MalformedBody(f"{what} nests arrays or objects more than {MAX_JSON_DEPTH} deep.")
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise MalformedBody(f"{what} is not valid UTF-8.") from None
    except json.JSONDecodeError as error:
        raise MalformedBody(
            f"{what} is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None


def _too_deep(raw: bytes) -> bool:
    if raw.count(b"[") + raw.count(b"{") <= MAX_JSON_DEPTH:  # every body we expect
        return False
    # Only brackets are left, all made square (a mismatch is json's to report).
    brackets = _JSON_STRING.sub(b"", raw).translate(_SQUARE, _NOT_BRACKETS)
    # Each pass drops the innermost pairs, one level, at C speed; what is left after them
    # is nested deeper (or does not match) and is walked, stopping at the first too deep.
    passes = 0
    while passes <= MAX_JSON_DEPTH:
        shorter = brackets.replace(b"[]", b"")
        if len(shorter) == len(brackets):
            break
        brackets, passes = shorter, passes + 1
    depths = accumulate((1 if byte == ord("[") else -1 for byte in brackets), initial=passes)
    return any(depth > MAX_JSON_DEPTH for depth in depths)


def _body() -> bytes:
    """The request body; one sent in chunks (no Content-Length) over ADDIN_MAX_BODY_BYTES is
    refused with 413 like any other, never cut to the limit and parsed."""
    if request.content_length is not None:
        return request.get_data(cache=False)  # Flask refuses a length over the limit
    limit = services().settings.request.max_body_bytes
    environ = request.environ
    stream = environ["wsgi.input"] if environ.get("wsgi.input_terminated") else request.stream
    raw = stream.read(limit + 1)
    if len(raw) > limit:
        raise RequestEntityTooLarge()
    return raw


def validated(schema: Schema, data: Any) -> dict[str, Any]:
    """Validate ``data`` with ``schema``; a non-object or bad field becomes a 422."""
    if not isinstance(data, dict):
        raise ValidationFailed({"_body": ["The body must be a JSON object."]})
    too_long = _too_long_lists(schema, data)
    if too_long:  # refused before each item is validated (a long list takes seconds)
        raise ValidationFailed(too_long)
    try:
        return schema.load(data)
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_body": error.messages}
        raise ValidationFailed(_capped(messages, MAX_FIELDS_SHOWN)) from None


# An error body lists at most this many problems per field (the items of a list included),
# and this many fields (a body may hold thousands of unknown ones).
MAX_ERRORS_PER_FIELD = 3
MAX_FIELDS_SHOWN = 20


def _too_long_lists(schema: Schema, data: dict[str, Any]) -> dict[str, list[str]]:
    """The list fields of ``data`` longer than their schema allows, with a message each."""
    errors = {}
    for name, field in schema.load_fields.items():
        value = data.get(field.data_key or name)
        if not isinstance(value, list) or not isinstance(field, fields.List):
            continue
        limits = [v.max for v in field.validators if isinstance(v, validate.Length) and v.max]
        if limits and len(value) > min(limits):
            errors[field.data_key or name] = [f"Longer than the maximum of {min(limits)} items."]
    return errors


def _capped(messages: Any, most: int = MAX_ERRORS_PER_FIELD) -> Any:
    """``messages`` with at most ``most`` entries at the top, ``MAX_ERRORS_PER_FIELD`` below."""
    if isinstance(messages, dict):
        kept = list(messages.items())[:most]
        capped: dict[Any, Any] = {key: _capped(value) for key, value in kept}
        if len(messages) > most:
            capped["_more"] = [f"{len(messages) - most} more not shown."]
        return capped
    if isinstance(messages, list) and len(messages) > most:
        return [*messages[:most], f"{len(messages) - most} more not shown."]
    return messages


@dataclass(frozen=True, slots=True)
class EngineRequest:
    """A validated request for an engine operation: its fields, text and chosen engine."""

    payload: dict[str, Any]
    text: str
    # The language asked for, the server's default applied (never absent or ``auto``).
    language: str
    engine: Engine
    # Warnings from choosing the engine (e.g. a model asked for but not configured).
    notices: tuple[Notice, ...]
    # The language of the answer's messages (ui_language, else Accept-Language, else en).
    ui: str


def engine_request(schema: Schema) -> EngineRequest:
    """Validate the JSON body, check the text's length and pick the engine it asks for."""
    payload = json_body(schema)
    text = require_text_within_limit(payload["text"])
    app_services = services()
    language = languages.requested(
        payload.get("language"), app_services.settings.request.default_language
    )
    engine, notices = app_services.pick(payload["engine"])
    return EngineRequest(payload, text, language, engine, notices, ui_language(payload))


def ui_language(payload: dict[str, Any] | None = None, *asked: str | None) -> str:
    """The language the answer's messages are in: the request's ``ui_language`` (or the
    fields ``asked``, first to last), else ``Accept-Language``, else English."""
    fields = (payload.get("ui_language") if payload else None, *asked)
    accepted = (tag for tag, quality in request.accept_languages if quality > 0)
    return choose(fields, accepted)


def require_text_within_limit(text: str) -> str:
    """Return ``text``, or raise a 413 if it is longer than ``ADDIN_MAX_TEXT_CHARS``; a text
    accepted starts the request's time budget for the engines (:func:`start_deadline`)."""
    limit = services().settings.request.max_text_chars
    if len(text) > limit:
        raise TextTooLong(
            f"The text has {len(text):,} characters; this server accepts at most {limit:,} "
            "(ADDIN_MAX_TEXT_CHARS). Check a smaller selection."
        )
    start_deadline()
    return text


def start_deadline() -> None:
    """Give the engines the request's deadline, ``ADDIN_REQUEST_DEADLINE`` after it arrived,
    until its answer is finished (a stream's included). Every view that hands a text to an
    engine passes it through :func:`require_text_within_limit`, hence this one place."""
    elapsed = time.perf_counter() - g.get("request_started", time.perf_counter())
    DEADLINE.set(time.monotonic() + services().settings.request.request_deadline - elapsed)
    when_finished(lambda: DEADLINE.set(None))  # the thread serves other requests next
