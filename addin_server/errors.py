"""Errors as RFC 9457 problem details (``application/problem+json``).

Views raise :class:`ApiError` subclasses; the handlers registered here turn those, and every
HTTP error Werkzeug raises, into problem documents. An unexpected exception becomes a 500
problem without a stack trace in the response, and is logged without its message (messages
can quote the user's text).
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, Response, json
from werkzeug.exceptions import HTTPException

from addin_server.engines.base import EngineUnavailable, EngineUnsupported
from addin_server.observability.request_ids import request_id

PROBLEM_MIME = "application/problem+json"
log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error the client can act on, answered as a problem document."""

    status = 400
    title = "Bad request"
    slug = "bad-request"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class MalformedBody(ApiError):
    """The body could not be read as the declared format."""

    status, title, slug = 400, "Malformed request body", "malformed-body"


class UnsupportedMediaType(ApiError):
    """The body is not in a format the endpoint accepts."""

    status, title, slug = 415, "Unsupported media type", "unsupported-media-type"


class ValidationFailed(ApiError):
    """Fields are missing or have the wrong type or value; ``errors`` maps field to messages."""

    status, title, slug = 422, "Invalid request", "validation-failed"

    def __init__(self, errors: dict[str, Any], detail: str | None = None) -> None:
        fields = ", ".join(sorted(str(name) for name in errors)) or "the body"
        super().__init__(detail or f"Check these fields: {fields}.", errors=errors)


class TextTooLong(ApiError):
    """The text is longer than ``ADDIN_MAX_TEXT_CHARS``."""

    status, title, slug = 413, "Text too long", "text-too-long"


class BatchTooLong(ApiError):
    """The paragraphs of one batch hold more characters than the server checks at once."""

    status, title, slug = 413, "Batch too long", "batch-too-long"


class LiveCheckOff(ApiError):
    """Checking as you write is switched off on this server (``ADDIN_LIVE_CHECK=disabled``)."""

    status, title, slug = 403, "Checking as you write is off", "live-check-off"


class MissingParameter(ApiError):
    """A required parameter of the LanguageTool-compatible API is absent."""

    status, title, slug = 400, "Missing parameter", "missing-parameter"


class UnsupportedLanguage(ApiError):
    """The LanguageTool-compatible API was asked for a language this server does not check."""

    status, title, slug = 400, "Unsupported language", "unsupported-language"


class ModelUnavailable(ApiError):
    """The model failed and no other engine could answer this operation."""

    status, title, slug = 503, "Model unavailable", "model-unavailable"


class NotSupported(ApiError):
    """The engine that answered cannot do this operation."""

    status, title, slug = 501, "Not supported by this engine", "not-supported"


class InternalError(ApiError):
    """The server failed; the detail never quotes the exception (it may quote the text)."""

    status, title, slug = 500, "Internal server error", "internal"


def engine_problem(error: Exception) -> ApiError | None:
    """The API's answer to an engine's own error, or ``None`` for any other exception."""
    if isinstance(error, EngineUnsupported):
        return NotSupported(str(error))
    if isinstance(error, EngineUnavailable):
        return ModelUnavailable(str(error), code=error.code)
    return None


def problem(status: int, title: str, detail: str, slug: str | None = None, **ext: Any) -> Response:
    """Build a problem+json response."""
    return Response(
        json.dumps(problem_body(status, title, detail, slug, **ext)),
        status=status,
        mimetype=PROBLEM_MIME,
    )


def problem_body(
    status: int, title: str, detail: str, slug: str | None = None, **ext: Any
) -> dict[str, Any]:
    """A problem document, with the request's id to quote when reporting it."""
    body = {
        "type": f"urn:penwise:problem:{slug}" if slug else "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        **ext,
    }
    if (rid := request_id()) is not None:
        body["request_id"] = rid
    return body


def problem_of(error: ApiError) -> dict[str, Any]:
    """The problem document of ``error`` (a response body, or an event stream's ``error``)."""
    return problem_body(error.status, error.title, error.detail, error.slug, **error.extensions)


def _api_error(error: ApiError) -> Response:
    return problem(error.status, error.title, error.detail, error.slug, **error.extensions)


def _engine_error(error: Exception) -> Response:
    api_error = engine_problem(error)
    return _api_error(api_error) if api_error is not None else _unexpected(error)


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    title = error.name
    details = {
        404: "No endpoint at this address; GET /openapi.json lists them.",
        405: "This endpoint does not accept that method.",
        413: "The request body is larger than the server accepts (ADDIN_MAX_BODY_BYTES).",
        415: "Send the body as application/json.",
    }
    response = problem(status, title, details.get(status, error.description or title))
    if status == 405 and error.get_response().headers.get("Allow"):
        response.headers["Allow"] = error.get_response().headers["Allow"]
    return response


def _unexpected(error: Exception) -> Response:
    # The message and locals may quote the user's text: log the type and the code path only.
    frames = "".join(traceback.format_tb(error.__traceback__))
    log.error("unhandled %s\n%s", type(error).__name__, frames)
    return _api_error(
        InternalError(
            "The server failed on this request; it has been logged and the server keeps serving."
        )
    )


def register_error_handlers(app: Flask) -> None:
    """Answer every error of ``app`` as a problem document."""
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(EngineUnsupported, _engine_error)
    app.register_error_handler(EngineUnavailable, _engine_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
