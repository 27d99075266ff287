"""Word-level edits from an original text to its rewrite.

The server, not the model, computes the edits a taskpane shows and applies: tokens are words
(with inner apostrophes), runs of whitespace, and single grapheme clusters, so an edit never
splits a word, an emoji sequence or a letter from its accent.
"""

from __future__ import annotations

from difflib import SequenceMatcher

import regex

from addin_server.records import Edit, Span

_TOKEN = regex.compile(r"\w+(?:['’]\w+)*|\s+|\X")


def tokens(text: str) -> list[str]:
    """Split ``text`` into word, whitespace and grapheme tokens that join back to it."""
    return _TOKEN.findall(text)


def word_edits(original: str, rewritten: str) -> tuple[Edit, ...]:
    """Return the edits, in order, that turn ``original`` into ``rewritten``.

    Applying them from last to first (or with offsets shifted) to ``original`` yields
    ``rewritten`` exactly.
    """
    before, after = tokens(original), tokens(rewritten)
    starts = [0]
    for token in before:
        starts.append(starts[-1] + len(token))
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    edits = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            edits.append(Edit(Span(starts[i1], starts[i2]), "".join(after[j1:j2])))
    return tuple(_merge_close(edits, original))


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
