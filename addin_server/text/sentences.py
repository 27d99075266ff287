"""Sentence boundaries, cheap and language-light.

A sentence ends at ``. ! ?`` (or ``;`` when asked), keeps any closing quotes and brackets that
follow, and needs whitespace or the end of the text after it; CJK full stops (``。！？．``) need
nothing after them. A line break that ends a paragraph also ends a sentence. Common
abbreviations ("e.g.", "Dr.") and single initials do not end a sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from addin_server.records import Span

CLOSERS = "\"')]}»”’›」』】〉》）"
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st vs etc e.g i.e cf al approx no fig inc ltd co corp dept est
    jan feb mar apr jun jul aug sep sept oct nov dec mt ave gen col lt sgt capt rev""".split()
)


def _sentence_end(western: str, cjk: str) -> re.Pattern[str]:
    # Every alternative starts with one mark from a single leading class, so the regex
    # engine skips ahead to candidates instead of trying three branches at every character.
    closers = f"[{re.escape(CLOSERS)}]*"
    return re.compile(
        rf"[{western}{cjk}\n](?:(?<=[{western}])[{western}]*{closers}(?=\s|$)"
        rf"|(?<=[{cjk}])[{cjk}]*{closers}|(?<=\n)\s*\n)"
    )


_END = _sentence_end(".!?", "。！？．｡")
_END_WITH_SEMICOLON = _sentence_end(".!?;", "。！？．｡；")
_WORD_BEFORE = re.compile(r"(\S+)$")


def sentence_ends(text: str, *, semicolons: bool = False) -> Iterator[int]:
    """Yield the offsets just after each sentence-ending mark (closers included)."""
    pattern = _END_WITH_SEMICOLON if semicolons else _END
    for match in pattern.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        yield match.end()


def sentence_spans(text: str) -> list[Span]:
    """Split ``text`` into sentence spans, leading whitespace excluded, trailing kept out."""
    spans: list[Span] = []
    start = 0
    for end in [*sentence_ends(text), len(text)]:
        if end <= start:
            continue
        piece = text[start:end]
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if right > left:
            spans.append(Span(start + left, start + right))
        start = end
    return spans


class SentenceIndex:
    """The sentences of one text, to find the one around an offset quickly."""

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text) or [Span(0, len(text))]
        self._starts = [span.start for span in self.spans]

    def around(self, offset: int) -> Span:
        """Return the sentence that contains ``offset`` (or the nearest one before it)."""
        return self.spans[max(bisect_right(self._starts, offset) - 1, 0)]


def _is_abbreviation(text: str, dot: int) -> bool:
    word = _WORD_BEFORE.search(text, max(0, dot - 12), dot)
    if not word:
        return False
    token = word.group(1).lstrip("(\"'“‘").lower()
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())
