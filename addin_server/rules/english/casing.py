"""Keep a replacement's capitalisation in step with the text it replaces."""

from __future__ import annotations


def match_case(original: str, replacement: str, *, sentence_start: bool = False) -> str:
    """Give ``replacement`` the case pattern of ``original`` (capitals, title or lower case).

    "I" counts as lower case except at the start of a sentence, so "I" -> "me" stays lower
    mid-sentence; a replacement that is the pronoun "i" is always written "I".
    """
    letters = [char for char in original if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return replacement.upper()
    if original[:1].isupper() and (original != "I" or sentence_start):
        return replacement[:1].upper() + replacement[1:]
    if replacement == "i" or replacement.startswith("i'"):
        return "I" + replacement[1:]
    return replacement
