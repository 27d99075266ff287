"""Where a text may be cut, from the best kind of boundary to the worst.

A paragraph ends after a run of line breaks (Word and Google Docs end every paragraph with
one); a sentence after ``. ! ? ;`` or ``。！？；`` and any closing quotes or brackets; a clause
after a comma or colon, or at a dash; a word before the whitespace that follows it. A cut at
a paragraph end goes after the line breaks, every other cut before the whitespace: those are
also the places where tiktoken's encodings count the two sides as they count the whole (see
:func:`addin_server.text.tokens.counts_add_up_at`).

No cut ever falls inside a grapheme cluster (a letter and its combining marks, a ZWJ emoji
sequence, a flag): UAX #29's rules that forbid a break are checked at every candidate.
"""

from __future__ import annotations

import re
from enum import IntEnum

import regex

from addin_server.text.sentences import CLOSERS, sentence_ends


class Boundary(IntEnum):
    """The kind of boundary a chunk ends at; lower is better."""

    END = 0
    PARAGRAPH = 1
    SENTENCE = 2
    CLAUSE = 3
    SPACE = 4
    TOKEN = 5


_LINE_BREAKS = re.compile(r"[\r\n](?:[^\S\r\n]*[\r\n])*")
# Without a CR in the text a literal first character lets the regex engine search fast.
_LF_BREAKS = re.compile(r"\n(?:[^\S\r\n]*\n)*")
_CLOSING = f"[{re.escape(CLOSERS)}]*"
_CLAUSE = re.compile(
    # a comma or colon (with its closers) before whitespace; CJK commas need none
    rf"[,:]+{_CLOSING}(?=[ \t])|[，、：]+{_CLOSING}"
    # before the space of a spaced dash ("word — word"), after an unspaced one
    r"|(?<=\S)(?=[ \t]+[—–-]+[ \t])|[—–]+(?=[^\s—–])"
)
_WORD_END = re.compile(r"(?<=\S)(?=\s)")
_JOINS_PREVIOUS = regex.compile(r"[\p{gcb=Extend}\p{gcb=ZWJ}\p{gcb=SpacingMark}]")
_PREPEND = regex.compile(r"\p{gcb=Prepend}")
_CLUSTER = regex.compile(r"\X", regex.DOTALL)


def cuts(text: str, start: int, end: int, level: Boundary) -> list[int]:
    """Offsets strictly inside ``[start, end)`` where a piece may end at ``level``.

    Cuts inside the trailing whitespace of the range are dropped: that whitespace stays with
    the piece before it, or becomes a piece of its own when a sentence ends just before it.
    """
    if level is Boundary.PARAGRAPH:
        breaks = _LINE_BREAKS if text.find("\r", start, end) >= 0 else _LF_BREAKS
        found = [match.end() for match in breaks.finditer(text, start, end)]
    elif level is Boundary.SENTENCE:
        piece = text[start:end]
        found = [start + offset for offset in sentence_ends(piece, semicolons=True)]
    elif level is Boundary.CLAUSE:
        found = [match.end() for match in _CLAUSE.finditer(text, start, end)]
    elif level is Boundary.SPACE:
        found = [match.end() for match in _WORD_END.finditer(text, start, end)]
    else:
        raise ValueError(f"no cut list for {level!r}; use grapheme_ends for a hard cut")
    last_visible = start + len(text[start:end].rstrip())
    kept: list[int] = []
    for cut in found:
        inside = start < cut <= last_visible and cut < end and (not kept or cut > kept[-1])
        if inside and (level is Boundary.PARAGRAPH or is_grapheme_break(text, cut)):
            kept.append(cut)
    return kept


def is_grapheme_break(text: str, offset: int) -> bool:
    """Whether ``offset`` lies between two grapheme clusters, for the cuts made here.

    Checks the rules that can apply next to whitespace and punctuation (UAX #29 GB3, GB9,
    GB9a, GB9b); a hard cut inside a run uses :func:`grapheme_ends` instead.
    """
    if offset <= 0 or offset >= len(text):
        return True
    before, after = text[offset - 1], text[offset]
    if before == "\r" and after == "\n":
        return False
    # No character below U+0300 and no CJK ideograph joins the one before it, and none
    # below U+0300 or in the CJK punctuation blocks joins the one after it (the common
    # case, decided without the regex engine).
    if (before < "\u0300" or "\u3000" <= before <= "\u303f" or "\uff00" <= before <= "\uffef") and (
        after < "\u0300" or "\u4e00" <= after <= "\u9fff"
    ):
        return True
    if _JOINS_PREVIOUS.match(text, offset):
        return False
    return not (_PREPEND.match(text, offset - 1) and after not in "\r\n")


def grapheme_ends(text: str, start: int, end: int) -> list[int]:
    """The end offset of every grapheme cluster of ``text[start:end]``, in order.

    ``start`` must itself be a cluster boundary.
    """
    return [match.end() for match in _CLUSTER.finditer(text, start, end)]
