"""Declarative rule kinds: where the logic repeats, a rule is data.

:class:`PhraseRule` flags phrases from a table, each with its preferred form (or none, to
flag only, or ``""`` to delete). Matching ignores case and lets any run of whitespace stand
between the words of a phrase; a replacement takes the case of what it replaces, and a
deletion takes one neighbouring space with it so no double space is left behind.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import regex

from addin_server.records import Issue, Span
from addin_server.rules.base import Document, RuleInfo, make_issue
from addin_server.rules.casing import match_case

DATA = Path(__file__).with_name("data")


def load_pairs(name: str) -> dict[str, str | None]:
    """Read ``data/<name>``: one ``phrase<TAB>preferred`` per line (``#`` starts a comment;
    a line with no tab flags the phrase without a fix; ``-`` as the preferred form deletes)."""
    pairs: dict[str, str | None] = {}
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        phrase, _, preferred = line.partition("\t")
        preferred = preferred.strip()
        pairs[phrase.strip().lower()] = "" if preferred == "-" else (preferred or None)
    return pairs


@dataclass
class PhraseRule:
    """Flag phrases from ``phrases`` (phrase -> preferred form, ``None`` or ``""``)."""

    info: RuleInfo
    phrases: Mapping[str, str | None]
    # ``{phrase}`` and ``{preferred}`` are filled in.
    message: str = "“{phrase}” can be “{preferred}”."
    message_without_fix: str = "Consider rephrasing “{phrase}”."
    message_delete: str = "“{phrase}” adds nothing here; consider removing it."
    _pattern: regex.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        alternatives = sorted(self.phrases, key=len, reverse=True)
        body = "|".join(r"\s+".join(map(regex.escape, p.split())) for p in alternatives)
        self._pattern = regex.compile(rf"(?<![\w'’-])(?:{body})(?![\w'’-])", regex.IGNORECASE)

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one issue per phrase occurrence."""
        text = document.text
        for match in self._pattern.finditer(text):
            found = match.group()
            preferred = self.phrases[" ".join(found.lower().split())]
            span = Span(match.start(), match.end())
            if preferred is None:
                message = self.message_without_fix.format(phrase=found)
                yield make_issue(self.info, span, message)
            elif preferred == "":
                message = self.message_delete.format(phrase=found)
                yield make_issue(self.info, _with_one_space(text, span), message, [""])
            else:
                replacement = match_case(found, preferred)
                message = self.message.format(phrase=found, preferred=replacement)
                yield make_issue(self.info, span, message, [replacement])


def _with_one_space(text: str, span: Span) -> Span:
    """Widen a span to be deleted by one adjacent space (after it, else before it)."""
    if span.end < len(text) and text[span.end] == " ":
        return Span(span.start, span.end + 1)
    if span.start > 0 and text[span.start - 1] == " ":
        return Span(span.start - 1, span.end)
    return span
