"""``ADDIN_REDACT_PII``: personal data is swapped for placeholders before text leaves.

Emails, URLs, phone numbers, card-like and IBAN-like numbers become ``[EMAIL_1]``,
``[URL_1]``, ... in the text sent to the model and are put back in its answer. Detection
leans towards redacting: a false positive only means the model sees a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial

# Order matters: an IBAN or card number must not be read as a phone number first.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EMAIL", re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")),
    ("URL", re.compile(r"\b(?:https?://|www\.)[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]")),
    ("IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b")),
    ("CARD", re.compile(r"(?<![\d-])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\d-])")),
    (
        "PHONE",
        re.compile(
            r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,4}"
            r"(?![\w-])"
        ),
    ),
)
_DATE = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}")
PLACEHOLDER = re.compile(r"\[(?:EMAIL|URL|IBAN|CARD|PHONE)_\d+\]")
_KIND_WORDS = {
    "EMAIL": "email address",
    "URL": "web address",
    "IBAN": "bank account number",
    "CARD": "card number",
    "PHONE": "phone number",
}


@dataclass
class Redaction:
    """A text with its personal data replaced, and what each placeholder stands for."""

    text: str
    originals: dict[str, str] = field(default_factory=dict)

    def restore(self, answer: str) -> str:
        """Put the originals back in ``answer`` wherever the model kept a placeholder."""
        if not self.originals:
            return answer
        return PLACEHOLDER.sub(lambda m: self.originals.get(m.group(), m.group()), answer)

    def dropped(self, answer: str) -> list[str]:
        """Placeholders of the text that ``answer`` lost, e.g. ``["[EMAIL_1]"]``."""
        return [placeholder for placeholder in self.originals if placeholder not in answer]


def redact(text: str) -> Redaction:
    """Replace personal data in ``text`` with numbered placeholders."""
    originals: dict[str, str] = {}
    counters: dict[str, int] = {}
    taken: dict[str, str] = {}

    def swap(kind: str, match: re.Match[str]) -> str:
        value = match.group()
        if PLACEHOLDER.fullmatch(value) or (kind == "PHONE" and not _phone_like(value)):
            return value
        if value not in taken:
            counters[kind] = counters.get(kind, 0) + 1
            taken[value] = f"[{kind}_{counters[kind]}]"
            originals[taken[value]] = value
        return taken[value]

    for kind, pattern in _PATTERNS:
        text = pattern.sub(partial(swap, kind), text)
    return Redaction(text, originals)


def _phone_like(value: str) -> bool:
    """A phone number has 7 to 15 digits and looks dialled, not like a date or a range."""
    digits = sum(char.isdigit() for char in value)
    if not 7 <= digits <= 15 or _DATE.fullmatch(value):
        return False
    groups = len(re.findall(r"\d+", value))
    return value.startswith(("+", "(")) or groups >= 3 or digits >= 10


def describe_dropped(placeholders: list[str]) -> str:
    """A sentence naming, by kind, what the model left out (never the values)."""
    kinds = [_KIND_WORDS[p.strip("[]").rsplit("_", 1)[0]] for p in placeholders]
    listed = ", ".join(dict.fromkeys(kinds))
    count = len(placeholders)
    return (
        f"The model left out {count} redacted item{'s' if count != 1 else ''} ({listed}) "
        "from its answer; check that the rewrite still says what it should."
    )
