"""Request ids: the client's ``X-Request-ID`` when it is a sane token, else a new one."""

from __future__ import annotations

import re
import uuid

from flask import g, has_request_context, request

HEADER = "X-Request-ID"
_SANE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id() -> str | None:
    """The current request's id (chosen on first use), or None outside a request."""
    if not has_request_context():
        return None
    chosen = g.get("request_id")
    if chosen is None:
        offered = request.headers.get(HEADER, "")
        # Anything else is replaced, not cleaned: the header goes into logs and answers.
        chosen = offered if _SANE.fullmatch(offered) else uuid.uuid4().hex
        g.request_id = chosen
    return chosen
