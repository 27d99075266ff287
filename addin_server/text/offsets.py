"""Code points and UTF-16 code units.

Python indexes strings by code point; Office.js, JavaScript and Apps Script index them by
UTF-16 code unit, where every character above U+FFFF (most emoji) counts twice. Every offset
sent to a client is given in both units, converted here.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class Utf16Index:
    """Convert code point offsets of one text to UTF-16 offsets and back, in O(log n)."""

    def __init__(self, text: str) -> None:
        # Code point positions of the characters that take two UTF-16 units.
        self._astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._length = len(text)

    def to_utf16(self, offset: int) -> int:
        """UTF-16 offset of the code point offset ``offset``."""
        return offset + bisect_left(self._astral, offset)

    def to_code_points(self, utf16_offset: int) -> int:
        """Code point offset of ``utf16_offset``; an offset inside a pair maps to its start."""
        low, high = 0, len(self._astral)
        # Find how many astral characters lie before the target: the k-th one sits at
        # UTF-16 position astral[k] + k.
        while low < high:
            middle = (low + high) // 2
            if self._astral[middle] + middle < utf16_offset:
                low = middle + 1
            else:
                high = middle
        if low and self._astral[low - 1] + low == utf16_offset:
            # The offset falls between the two units of a surrogate pair.
            return self._astral[low - 1]
        return utf16_offset - low

    def utf16_span(self, start: int, end: int) -> tuple[int, int]:
        """UTF-16 ``(offset, length)`` of the code point range ``[start, end)``."""
        utf16_start = self.to_utf16(start)
        return utf16_start, self.to_utf16(end) - utf16_start


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units."""
    return len(text) + len(_ASTRAL.findall(text))


def replace_lone_surrogates(text: str) -> str:
    """Replace unpaired surrogates (legal in JSON, not in UTF-8) with U+FFFD.

    One code point becomes one code point and one UTF-16 unit stays one unit, so every offset
    computed on the result is also right for the original text.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)
