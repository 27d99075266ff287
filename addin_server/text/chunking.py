"""Split a text into chunks that fit a token budget, as exact slices of the text.

Concatenated, the chunks give back the text byte for byte. Cuts fall at the best boundary
available: a paragraph break, then a sentence end, then whitespace, and only for a single
overlong run at an arbitrary point.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from addin_server.records import Span
from addin_server.text.sentences import sentence_ends

CountTokens = Callable[[str], int]
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n\s*")
_WHITESPACE_END = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Chunk:
    """A slice of the document, ``span`` in its code points, and its token count."""

    span: Span
    tokens: int


def split_into_chunks(text: str, budget: int, count_tokens: CountTokens) -> list[Chunk]:
    """Cut ``text`` into chunks of at most ``budget`` tokens each (``budget`` >= 1)."""
    if not text:
        return []
    return [
        Chunk(span, count_tokens(text[span.start : span.end]))
        for span in _split(text, 0, len(text), budget, count_tokens, 0)
    ]


def _split(
    text: str, start: int, end: int, budget: int, count: CountTokens, level: int
) -> list[Span]:
    if count(text[start:end]) <= budget:
        return [Span(start, end)]
    cuts = _cuts(text, start, end, level)
    if not cuts:
        if level < 2:
            return _split(text, start, end, budget, count, level + 1)
        return _hard_cut(text, start, end, budget, count)
    spans: list[Span] = []
    piece_start = start
    for cut in [*cuts, end]:
        if cut <= piece_start:
            continue
        candidate = Span(spans[-1].start, cut) if spans else None
        if candidate and count(text[candidate.start : candidate.end]) <= budget:
            spans[-1] = candidate
        else:
            spans.extend(
                _split(text, piece_start, cut, budget, count, level + 1)
                if count(text[piece_start:cut]) > budget
                else [Span(piece_start, cut)]
            )
        piece_start = cut
    return spans


def _cuts(text: str, start: int, end: int, level: int) -> list[int]:
    """Offsets where a piece may end, at the given boundary level."""
    piece = text[start:end]
    if level == 0:
        found = [start + m.end() for m in _PARAGRAPH_END.finditer(piece)]
    elif level == 1:
        found = [start + offset for offset in sentence_ends(piece, semicolons=True)]
    else:
        found = [start + m.end() for m in _WHITESPACE_END.finditer(piece)]
    return [cut for cut in found if start < cut < end]


def _hard_cut(text: str, start: int, end: int, budget: int, count: CountTokens) -> list[Span]:
    """Cut a run with no whitespace into pieces within budget (never inside a pair)."""
    spans = []
    while start < end:
        low, high = start + 1, end
        while low < high:
            middle = (low + high + 1) // 2
            if count(text[start:middle]) <= budget:
                low = middle
            else:
                high = middle - 1
        spans.append(Span(start, low))
        start = low
    return spans
