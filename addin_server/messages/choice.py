"""Which language a request's messages are in: the one it asks for, else its browser's, else
English.

A request names its writer's language in a field (``ui_language`` on our API; LanguageTool's
clients send ``motherTongue``, the only parameter of theirs about the writer rather than the
text); failing that, ``Accept-Language`` says what the writer's browser or system prefers.
The first of these that a table exists for wins. Chinese tags without a script or region,
and those of Simplified Chinese (``zh-Hans``, ``zh-CN``, ``zh-SG``), read as ``zh-CN``; a tag
of Traditional Chinese (``zh-Hant``, ``zh-TW``, ``zh-HK``) has no table yet and falls
through, as any other language does.
"""

from __future__ import annotations

from collections.abc import Iterable

from addin_server.messages.catalog import ENGLISH, LANGUAGES

_SIMPLIFIED = frozenset({"hans", "cn", "sg", "my"})
_TRADITIONAL = frozenset({"hant", "tw", "hk", "mo"})


def supported(tag: str | None) -> str | None:
    """The table a BCP 47 tag reads as (``zh-Hans-CN`` -> ``zh-CN``), or ``None``."""
    if not tag:
        return None
    parts = tag.strip().lower().replace("_", "-").split("-")
    if parts[0] == "en":
        return ENGLISH
    if parts[0] == "zh":
        subtags = set(parts[1:])
        if subtags & _TRADITIONAL and not subtags & _SIMPLIFIED:
            return None
        return "zh-CN" if "zh-CN" in LANGUAGES else None
    exact = {language.lower(): language for language in LANGUAGES}
    return exact.get("-".join(parts))


def choose(asked: Iterable[str | None], accepted: Iterable[str] = ()) -> str:
    """The language of the first tag in ``asked`` (the request's own fields, in order), then
    in ``accepted`` (``Accept-Language``, best first), that has a table; else English."""
    for tag in (*asked, *accepted):
        language = supported(tag)
        if language is not None:
            return language
    return ENGLISH
