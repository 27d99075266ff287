"""Runs of characters too long to be words, blanked before any linter sees them.

A pasted hash, key or base64 blob is one "word" to Harper, and Harper's time on a word grows
with its length: about a millisecond a character from 100 characters on (a 1,000-character
base64 run: 1.4 s), faster than linear past 8,000, and a 160,000-character run made it ask for
49 GB and abort the process. Nothing that long is a word a writer can fix: the longest
dictionary words have 45 letters. So, as LanguageTool skips over-long tokens, a run of more
than :data:`MAX_RUN_CHARS` non-space characters is replaced by as many spaces (code points,
so every offset after it holds) and reported instead of checked. The bound sits at twice the
longest word, so no word or compound is ever skipped; what it does skip (long links, hashes,
encoded data) has nothing for a grammar checker and costs 0.1 s or more a run. Measured with
harper-py 0.2 and our rule set, one run in a sentence: 100 characters 0.11-0.15 s, 1,000
0.7-1.4 s, 5,000 4.9-10 s, 10,000 8-16 s (random letters, hex, base64; one letter
repeated costs less until it grows quadratic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from addin_server.messages.catalog import message, notice
from addin_server.records import Notice, Span

MAX_RUN_CHARS = 100
LONG_RUN_CODE = "long-token-skipped"
# Starts only where a run starts, so every character is looked at once (linear time).
_LONG_RUN = re.compile(rf"(?<!\S)\S{{{MAX_RUN_CHARS + 1},}}")


@dataclass(frozen=True, slots=True)
class Masked:
    """A text with its over-long runs blanked, and where they were."""

    text: str
    spans: tuple[Span, ...]

    def notice(self) -> Notice | None:
        """The warning that says how many runs were skipped (none quoted), if any."""
        if not self.spans:
            return None
        count = len(self.spans)
        said = message(
            "notice.long-token-skipped" + (".one" if count == 1 else ""),
            count=f"{count:,}",
            limit=MAX_RUN_CHARS,
        )
        return notice(LONG_RUN_CODE, said)


def mask_long_runs(text: str) -> Masked:
    """Replace each run of more than :data:`MAX_RUN_CHARS` non-space characters by spaces."""
    spans = tuple(Span(match.start(), match.end()) for match in _LONG_RUN.finditer(text))
    if not spans:
        return Masked(text, ())
    pieces, last = [], 0
    for span in spans:
        pieces += [text[last : span.start], " " * span.length]
        last = span.end
    pieces.append(text[last:])
    return Masked("".join(pieces), spans)
