"""The ``request`` section: what one request may carry and how long its work may take."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import setting


@dataclass(frozen=True)
class RequestSettings:
    """What one request may carry, how long its work may take, and the language it is
    checked in when it names none."""

    TITLE: ClassVar[str] = "Requests"

    max_body_bytes: int = setting(
        8 * 1024**2, values.byte_size, "Largest request body accepted (413 above)."
    )
    max_text_chars: int = setting(
        1_000_000,
        values.positive_int,
        "Longest text accepted, in characters (413 above); about a 160,000-word book.",
    )
    request_deadline: float = setting(
        60.0,
        values.seconds,
        "Seconds of work one request may start: parts not started by then are not checked, "
        "and the answer says which (`incomplete`, `unprocessed`). Must be below "
        "`ADDIN_REQUEST_TIMEOUT` (start-up stops otherwise), so a request answers with what "
        "it has done before its worker is restarted.",
    )
    default_language: str = setting(
        "en-US", values.language, "Language used when a request names none."
    )
