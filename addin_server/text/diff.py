"""Word-level edits from an original text to its rewrite.

The server, not the model, computes the edits a taskpane shows and applies: tokens are words
(with inner apostrophes), runs of whitespace, and single grapheme clusters, so an edit never
splits a word, an emoji sequence or a letter from its accent.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from difflib import SequenceMatcher
from itertools import accumulate

import regex

from addin_server.records import Edit, Span
from addin_server.text.sentences import sentence_ends
from addin_server.text.words import WORD_PATTERN

_TOKEN = regex.compile(rf"{WORD_PATTERN}|\s+|\X")


def tokens(text: str) -> list[str]:
    """Split ``text`` into word, whitespace and grapheme tokens that join back to it."""
    return _TOKEN.findall(text)


def word_edits(original: str, rewritten: str, *, join_close: bool = True) -> tuple[Edit, ...]:
    """Return the edits, in order, that turn ``original`` into ``rewritten``.

    Applying them from last to first (or with offsets shifted) to ``original`` yields
    ``rewritten`` exactly. The texts are aligned paragraph by paragraph, then sentence by
    sentence, and only the pieces that differ are diffed word by word, so a long document
    costs about as much as its changed sentences (a word diff of a whole book would be
    quadratic in its length). ``join_close=False`` keeps edits a space apart separate, for a
    caller that weighs each change on its own.
    """
    edits = list(_diff(original, rewritten, 0, 0))
    return tuple(_merge_close(edits, original) if join_close else edits)


def _paragraphs(text: str) -> list[str]:
    return [m.group() for m in _PARAGRAPH.finditer(text) if m.group()]


def _sentences(text: str) -> list[str]:
    cuts = [cut for cut in sentence_ends(text, semicolons=True) if _is_boundary(text, cut)]
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True) if b > a]


_PARAGRAPH = regex.compile(r".*?(?:\n[ \t]*\n\s*|$)", regex.DOTALL)
_LEVELS = (_paragraphs, _sentences)
# Below this many characters a piece is diffed word by word directly.
_SMALL = 400
# Beyond this many token pairs a word diff is too slow to be worth it: replace the piece.
_MAX_TOKEN_PAIRS = 4_000_000


def _diff(before: str, after: str, offset: int, level: int) -> Iterator[Edit]:
    if before == after:
        return
    if level == len(_LEVELS) or max(len(before), len(after)) <= _SMALL:
        yield from _token_diff(before, after, offset)
        return
    units_before, units_after = _LEVELS[level](before), _LEVELS[level](after)
    if len(units_before) <= 1 and len(units_after) <= 1:
        yield from _diff(before, after, offset, level + 1)
        return
    starts = list(accumulate((len(unit) for unit in units_before), initial=0))
    matcher = SequenceMatcher(None, units_before, units_after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and i2 - i1 == j2 - j1:
            for k in range(i2 - i1):
                yield from _diff(
                    units_before[i1 + k], units_after[j1 + k], offset + starts[i1 + k], level + 1
                )
        else:
            joined_before, joined_after = "".join(units_before[i1:i2]), "".join(units_after[j1:j2])
            yield from _diff(joined_before, joined_after, offset + starts[i1], level + 1)


def _token_diff(before: str, after: str, offset: int) -> Iterator[Edit]:
    old, new = tokens(before), tokens(after)
    if len(old) * len(new) > _MAX_TOKEN_PAIRS:
        yield Edit(Span(offset, offset + len(before)), after)
        return
    starts = list(accumulate((len(token) for token in old), initial=offset))
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            yield Edit(Span(starts[i1], starts[i2]), "".join(new[j1:j2]))


def _is_boundary(text: str, cut: int) -> bool:
    """Whether ``cut`` falls between two grapheme clusters (not before a combining mark)."""
    return cut >= len(text) or not (
        unicodedata.category(text[cut]).startswith("M") or text[cut] in "\u200d\ufe0f"
    )


def apply_edits(text: str, edits: tuple[Edit, ...] | list[Edit]) -> str:
    """Apply non-overlapping edits (in any order) to ``text``."""
    pieces, position = [], 0
    for edit in sorted(edits, key=lambda item: (item.span.start, item.span.end)):
        pieces.append(text[position : edit.span.start])
        pieces.append(edit.replacement)
        position = edit.span.end
    pieces.append(text[position:])
    return "".join(pieces)


def _merge_close(edits: list[Edit], original: str) -> list[Edit]:
    """Join edits separated only by one space, so "very big" -> "huge" reads as one change."""
    merged: list[Edit] = []
    for edit in edits:
        if merged:
            previous = merged[-1]
            gap = original[previous.span.end : edit.span.start]
            if gap == " " and previous.span.length and edit.span.length:
                merged[-1] = Edit(
                    Span(previous.span.start, edit.span.end),
                    previous.replacement + gap + edit.replacement,
                )
                continue
        merged.append(edit)
    return merged
