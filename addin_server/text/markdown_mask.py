"""Hide Markdown's non-prose from our rules without moving a single offset.

Code blocks, table rows and HTML lines become spaces (their line breaks kept, so they read as
paragraph breaks); a list marker or heading marker becomes a line break, so each item and
heading is a sentence of its own. Every offset in the masked text is the same character in
the original, so issues found in it need no mapping back.
"""

from __future__ import annotations

import regex

_FENCE = regex.compile(
    r"^[ \t]*(```|~~~).*?(?:^[ \t]*\1[^\n]*$|\Z)", regex.MULTILINE | regex.DOTALL
)
_TABLE_ROW = regex.compile(r"^[ \t]*\|.*$", regex.MULTILINE)
_HTML_LINE = regex.compile(r"^[ \t]*<[^>\n]+>[ \t]*$", regex.MULTILINE)
_BLOCK_MARKER = regex.compile(r"^([ \t]*)(?:[-*+]|\d{1,3}[.)]|#{1,6}|>)(?=[ \t])", regex.MULTILINE)


def mask_markdown(text: str) -> str:
    """``text`` with code, tables and HTML blanked and block markers made line breaks."""
    masked = _FENCE.sub(_blank, text)
    masked = _TABLE_ROW.sub(_blank, masked)
    masked = _HTML_LINE.sub(_blank, masked)
    return _BLOCK_MARKER.sub(
        lambda m: m.group(1) + "\n" + " " * (len(m.group()) - len(m.group(1)) - 1), masked
    )


def _blank(match: regex.Match[str]) -> str:
    return regex.sub(r"[^\n]", " ", match.group())


# --- the markup itself, which a rewrite must leave as it is ---

_INLINE_CODE = regex.compile(r"(`+)[^`\n].*?\1", regex.DOTALL)
_LINK_TARGET = regex.compile(r"\]\([^)\n]*\)|\]\[[^\]\n]*\]")
_LINK_OPEN = regex.compile(r"!?\[(?=[^\]\n]*\][(\[])")
_REFERENCE = regex.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[^\n]*$", regex.MULTILINE)
_AUTOLINK = regex.compile(r"<(?:https?://|mailto:)[^>\s]+>")
_EMPHASIS = regex.compile(
    r"(?<![\\\w*_~])(?:\*{1,3}|_{1,3}|~~)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~)(?![\w*_~])"
)
_HEADING_UNDERLINE = regex.compile(r"^[ \t]*(?:=+|-{2,})[ \t]*$", regex.MULTILINE)


def markup_spans(text: str) -> list[tuple[int, int, bool]]:
    """Where ``text``'s Markdown markup is, as ``(start, end, is_emphasis)``, in order: code
    blocks and spans, tables, HTML lines, block markers (headings, list items, quotes), link
    brackets and targets, reference definitions and emphasis delimiters. A rewrite may
    change the prose between them, never them (an emphasis pair may go with the words it
    wraps)."""
    found: list[tuple[int, int, bool]] = []
    for pattern in (_FENCE, _TABLE_ROW, _HTML_LINE, _REFERENCE, _HEADING_UNDERLINE):
        found += [(m.start(), m.end(), False) for m in pattern.finditer(text)]
    found += [(m.start(), m.end(), False) for m in _BLOCK_MARKER.finditer(text)]
    for pattern in (_INLINE_CODE, _AUTOLINK, _LINK_TARGET, _LINK_OPEN):
        found += [(m.start(), m.end(), False) for m in pattern.finditer(text)]
    blocks = [(start, end) for start, end, _ in found]
    for match in _EMPHASIS.finditer(text):
        if not any(start <= match.start() < end for start, end in blocks):
            found.append((match.start(), match.end(), True))
    return sorted(set(found))
