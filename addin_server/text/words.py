"""Words, the word next to a place, and list items: how every rule and engine step reads them.

A word is a run of word characters with apostrophes inside it ("don't", "o’clock"). A list
item opens with a bullet ("-", "*", "+", or "•" as lists pasted from Word have it) or a number
of up to three digits ("1.", "12)"), then spaces. Other shapes stay where their meaning
differs: Markdown's own block markers (text.markdown_mask, where "•" is prose), hyphenated key
phrases (text.keyphrases), the letters and numbers readability counts (text.readability).
"""

from __future__ import annotations

import enum
from functools import cache

import regex

WORD_PATTERN = r"\w+(?:['’]\w+)*"
WORD = regex.compile(WORD_PATTERN)
LIST_ITEM = regex.compile(r"[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
# How far back a word before a place is looked for: a rule asks at every match, and a search
# from the start of a long text would make it quadratic.
REACH = 40


class Gap(enum.Enum):
    """What may stand between a place and the word next to it, and what that word is."""

    # Punctuation and spaces, or nothing; the word is word characters ("reply, ASAP").
    PUNCTUATION = (r"\w+", r"\W*")
    # Spaces only, at least one ("last to first").
    SPACE = (r"\w+", r"\s+")
    # Anything but a letter on the same line and in the same table cell; the word is letters.
    CELL = (r"\p{L}+", r"[^\p{L}|\n]*")


def word_before(text: str, offset: int, gap: Gap = Gap.PUNCTUATION) -> str | None:
    """The word that ends before ``offset`` with only ``gap`` between, if any."""
    found = _before(gap).search(text, max(0, offset - REACH), offset)
    return None if found is None else found.group(1)


def word_after(text: str, offset: int, gap: Gap = Gap.PUNCTUATION) -> str | None:
    """The word that starts after ``offset`` with only ``gap`` between, if any."""
    found = _after(gap).match(text, offset)
    return None if found is None else found.group(1)


def is_list_item_start(text: str, line_start: int, offset: int) -> bool:
    """Whether ``text[line_start:offset]`` is exactly a list item's marker and its spaces."""
    return LIST_ITEM.fullmatch(text, line_start, offset) is not None


def starts_with_list_item(line: str) -> bool:
    """Whether ``line`` opens with a list item's marker."""
    return LIST_ITEM.match(line) is not None


@cache
def _before(gap: Gap) -> regex.Pattern[str]:
    word, between = gap.value
    return regex.compile(rf"({word}){between}$")


@cache
def _after(gap: Gap) -> regex.Pattern[str]:
    word, between = gap.value
    return regex.compile(rf"{between}({word})")
