"""Logging: one line per request with method, path, status and time, never the user's text.

Request bodies and query strings are never logged: both can hold what the writer selected.
"""

from __future__ import annotations

import logging
import re
import sys
import time

from flask import Flask, Response, g, request

from addin_server.observability.request_ids import request_id

log = logging.getLogger("addin_server.requests")
# The environ key under which the request log's name of a request is kept.
LOG_NAME_KEY = "penwise.log_name"
# Waitress's check, in the environ, of whether the client's connection is closed.
CLIENT_GONE_KEY = "waitress.client_disconnected"
NOT_SENT = " not sent: the connection was closed"


def configure_logging(level: str) -> None:
    """Send the package's logs to stderr at ``level`` (idempotent)."""
    logger = logging.getLogger("addin_server")
    logger.setLevel(level)
    if not any(getattr(handler, "_penwise", False) for handler in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler._penwise = True  # type: ignore[attr-defined]
        logger.addHandler(handler)


class _DropQueryStrings(logging.Filter):
    """Cut query strings from Werkzeug's request lines (the dev server logs them)."""

    _QUERY = re.compile(r"\?[^ ]*")

    def filter(self, record: logging.LogRecord) -> bool:
        if record.args and isinstance(record.args, tuple) and isinstance(record.args[0], str):
            record.args = (self._QUERY.sub("", record.args[0], count=1), *record.args[1:])
        return True


def hide_dev_server_queries() -> None:
    """Keep the user's text out of the dev server's request log."""
    logging.getLogger("werkzeug").addFilter(_DropQueryStrings())


def install_request_log(app: Flask) -> None:
    """Log each request's method, path (no query string), status, size and duration.

    A request whose connection is already closed when its answer is ready (its client went
    away, or a shutdown dropped it) is logged as not sent: the line says what the client saw.
    The name a line gives a request also goes in the WSGI environ (``LOG_NAME_KEY``), so
    that a shutdown can name the requests it drops (addin_server.serve.shutdown).
    """

    @app.before_request
    def _start_timer() -> None:
        g.request_started = time.perf_counter()
        request.environ[LOG_NAME_KEY] = f"{request.method} {_route()} id={request_id()}"

    @app.after_request
    def _log_request(response: Response) -> Response:
        started = g.get("request_started", time.perf_counter())
        closed = request.environ.get(CLIENT_GONE_KEY)
        log.info(
            "%s %s %s in=%sB %.1fms id=%s%s",
            request.method,
            _route(),
            response.status_code,
            request.content_length or 0,
            (time.perf_counter() - started) * 1000,
            request_id(),
            NOT_SENT if callable(closed) and closed() else "",
        )
        return response


def _route() -> str:
    return request.url_rule.rule if request.url_rule else "(no route)"
