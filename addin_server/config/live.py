"""The ``live`` section: checking as you write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import setting


@dataclass(frozen=True)
class LiveSettings:
    """Checking as you write in the task pane: whether writers have it, the engine that
    answers, and how much a batch (`POST /v1/check/paragraphs`) may carry."""

    TITLE: ClassVar[str] = "Checking as you write"

    live_check: str = setting(
        "on",
        values.live_check,
        "Checking as you write in the pane: `on` (writers start with it on and may turn it "
        "off), `off` (they start with it off and may turn it on) or `disabled` (off for "
        "everyone: `POST /v1/check/paragraphs` answers 403).",
    )
    live_engine: str = setting(
        "local",
        values.live_engine,
        "Engine of checks as you write: `local` (never the model, which costs on every "
        "pause in typing) or `auto` (the server's default engine; its daily budget applies).",
    )
    live_max_paragraphs: int = setting(
        200,
        values.paragraph_count,
        "Paragraphs one `POST /v1/check/paragraphs` may carry (more: 422).",
    )
    live_max_chars: int = setting(
        20_000,
        values.positive_int,
        "Characters one `POST /v1/check/paragraphs` may carry, all its paragraphs together "
        "(more: 413); never more than `ADDIN_MAX_TEXT_CHARS`.",
    )
