"""The languages the server knows by name, and how a request's language tag resolves.

The server's default language (``ADDIN_DEFAULT_LANGUAGE``) is applied once, where a request
is parsed (:func:`requested`); engines and :func:`resolve` get a tag that names a variant.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Language:
    """A language variant the local engine checks."""

    code: str  # e.g. "en-US", as LanguageTool's longCode
    name: str  # e.g. "English (US)"

    @property
    def short_code(self) -> str:
        """The language without its region, e.g. ``en``."""
        return self.code.split("-")[0]


ENGLISH_VARIANTS: tuple[Language, ...] = (
    Language("en-US", "English (US)"),
    Language("en-GB", "English (GB)"),
    Language("en-AU", "English (Australian)"),
    Language("en-CA", "English (Canadian)"),
    Language("en-IN", "English (India)"),
)
_BY_CODE = {language.code.lower(): language for language in ENGLISH_VARIANTS}
# The language of options built without one, outside a request (the CLI, tests, benchmarks,
# token plans); a request's comes from ADDIN_DEFAULT_LANGUAGE through requested().
UNSTATED = ENGLISH_VARIANTS[0].code


def requested(tag: str | None, default: str) -> str:
    """The language a request asks for, with the server's ``default`` applied: for no tag,
    for ``auto`` (LanguageTool's detection request) and for a bare ``en``, which name no
    variant of their own."""
    if not tag or tag.strip().lower() in ("auto", "en"):
        return default
    return tag


def resolve(tag: str) -> Language | None:
    """Return the checked variant for a language tag, or ``None`` if it is not English.

    An English tag with an unknown region (``en-NZ``) falls back to British English, whose
    spelling it shares; a request's ``auto`` was made the default by :func:`requested`.
    """
    key = tag.strip().lower().replace("_", "-")
    language, _, rest = key.partition("-")
    if language != "en":
        return None
    region = rest.split("-")[0]
    return _BY_CODE.get(f"en-{region}", _BY_CODE["en-us" if not region else "en-gb"])
