"""Stretches of text that are not prose: URLs, e-mail addresses, inline code, identifiers,
keyboard shortcuts.

No style rule or spelling check should fire inside ``https://example.com/in-order-to``,
``Office.js``, ``snake_case``, ``camelCase``, ``python3`` or ``Ctrl+S``: they are names, not
words a writer can rephrase. :func:`protected_spans` finds them once per text.
"""

from __future__ import annotations

from bisect import bisect_right

import regex

from addin_server.records import Span

_TRAILING = ".,;:!?)]}>'\"’”"
_CODE = regex.compile(r"`[^`\n]+`")
_TOKEN = regex.compile(r"[^\s`]+")
# Only a token with one of these can hold something protected; most words are skipped by
# this one cheap test instead of the full pattern below.
_SUSPECT = regex.compile(r"[._/\\@:\d]|[a-z][A-Z]")
_PROTECTED = regex.compile(
    r"""
      (?:\b(?:https?|ftp|file)://|\bwww\.)\S+     # URLs (trailing punctuation trimmed below)
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                # e-mail addresses
    | (?<![\w'’])[\w-]*[A-Za-z\d][._/\\][\w./\\-]*\w  # dotted or slashed names: Office.js, a/b
    | (?<![\w'’-])[\w-]*(?:[a-z][A-Z]|_|\d)[\w-]*  # camelCase, snake_case, words with digits
    """,
    regex.VERBOSE,
)
# Ctrl+S, Cmd+Shift+P, Alt+F4, Ctrl+Alt+Del: modifiers joined by "+" to a key.
_SHORTCUT = regex.compile(
    r"""(?<![\w+])(?:(?:ctrl|control|cmd|command|alt|option|opt|shift|win|meta|super|fn)\s?\+\s?)+
    (?:f\d{1,2}|tab|enter|return|esc|escape|space|del|delete|backspace|home|end|insert|ins
     |page\s?up|page\s?down|pgup|pgdn|up|down|left|right|\w|[^\w\s])(?![\w+])""",
    regex.VERBOSE | regex.IGNORECASE,
)


def protected_spans(text: str) -> list[Span]:
    """Return the non-prose spans of ``text``, in order and without overlaps."""
    spans = [Span(match.start(), match.end()) for match in _CODE.finditer(text)]
    if "+" in text:
        spans += [Span(match.start(), match.end()) for match in _SHORTCUT.finditer(text)]
    for token in _TOKEN.finditer(text):
        if not _SUSPECT.search(token.group()):
            continue
        for match in _PROTECTED.finditer(text, token.start(), token.end()):
            found = match.group()
            end = match.end() - (len(found) - len(found.rstrip(_TRAILING)))
            if end > match.start():
                spans.append(Span(match.start(), end))
    spans.sort()
    return _without_overlaps(spans)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in spans:
        if kept and span.start < kept[-1].end:
            continue  # inside inline code already kept
        kept.append(span)
    return kept


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
