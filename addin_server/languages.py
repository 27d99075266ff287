"""The languages the server knows by name, and how a request's language tag resolves."""

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


def resolve(tag: str, default: str = "en-US") -> Language | None:
    """Return the checked variant for a language tag, or ``None`` if it is not English.

    ``auto`` (LanguageTool's detection request) and plain ``en`` resolve to ``default``; an
    English tag with an unknown region (``en-NZ``) falls back to British English, whose
    spelling it shares.
    """
    key = tag.strip().lower().replace("_", "-")
    if key in ("auto", "en"):
        key = default.lower()
    language, _, rest = key.partition("-")
    if language != "en":
        return None
    region = rest.split("-")[0]
    return _BY_CODE.get(f"en-{region}", _BY_CODE["en-us" if not region else "en-gb"])
