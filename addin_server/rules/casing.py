"""Keep a replacement's capitalisation in step with the text it replaces."""

from __future__ import annotations


def match_case(original: str, replacement: str) -> str:
    """Give ``replacement`` the case pattern of ``original`` (upper, title or lower)."""
    if not replacement or not original:
        return replacement
    letters = [char for char in original if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return replacement.upper()
    if original[0].isupper():
        return replacement[0].upper() + replacement[1:]
    return replacement
