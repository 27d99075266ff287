"""Stretches of text that are not prose: URLs, e-mail addresses, inline code, identifiers.

No style rule or spelling check should fire inside ``https://example.com/in-order-to``,
``Office.js``, ``snake_case``, ``camelCase`` or ``python3``: they are names, not words a writer
can rephrase. :func:`protected_spans` finds them once per text.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from addin_server.records import Span

_TRAILING = ".,;:!?)]}>'\"’”"
_PROTECTED = regex.compile(
    r"""
      `[^`\n]+`                                   # inline code
    | (?:\b(?:https?|ftp|file)://|\bwww\.)\S+     # URLs (trailing punctuation trimmed below)
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                # e-mail addresses
    | (?<![\w'’])[\w-]*[A-Za-z\d][._/\\][\w./\\-]*\w  # dotted or slashed names: Office.js, a/b
    | (?<![\w'’-])[\w-]*(?:[a-z][A-Z]|_|\d)[\w-]*  # camelCase, snake_case, words with digits
    """,
    regex.VERBOSE,
)


def protected_spans(text: str) -> list[Span]:
    """Return the non-prose spans of ``text``, in order and without overlaps."""
    spans = []
    for match in _PROTECTED.finditer(text):
        found = match.group()
        end = match.end()
        if not found.startswith("`"):
            end -= len(found) - len(found.rstrip(_TRAILING))
        if end > match.start():
            spans.append(Span(match.start(), end))
    return spans


class ProtectedIndex:
    """Answer "does this span touch a protected stretch?" in O(log n)."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = spans
        self._starts = [span.start for span in spans]

    def touches(self, span: Span) -> bool:
        """Whether ``span`` overlaps a protected stretch (or sits inside one)."""
        index = bisect_right(self._starts, span.start) - 1
        for candidate in self.spans[max(index, 0) : index + 2]:
            if candidate.start < max(span.end, span.start + 1) and span.start < candidate.end:
                return True
        return False
