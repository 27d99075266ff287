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
