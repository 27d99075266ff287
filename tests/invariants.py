"""Offset invariants every answer must keep, shared by the API and live-server tests."""

from __future__ import annotations


def utf16_slice(text: str, offset: int, length: int) -> str:
    """Slice ``text`` by UTF-16 units, as JavaScript's ``substr`` would."""
    units = text.encode("utf-16-le", "surrogatepass")
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le", "surrogatepass")


def assert_v1_offsets(text: str, issues: list[dict]) -> None:
    """``text[offset:offset+length]`` and the UTF-16 slice both give the flagged text; there
    must be issues to check (a test that expects none asserts that instead)."""
    assert issues, "no issues: nothing to check the offsets of"
    for issue in issues:
        start, length = issue["offset"], issue["length"]
        assert text[start : start + length] == issue["text"], issue
        assert utf16_slice(text, issue["utf16_offset"], issue["utf16_length"]) == issue["text"]


def assert_v2_offsets(text: str, matches: list[dict]) -> None:
    """LanguageTool offsets are UTF-16 and the context points at the same text; there must
    be matches to check."""
    assert matches, "no matches: nothing to check the offsets of"
    for match in matches:
        flagged = utf16_slice(text, match["offset"], match["length"])
        context = match["context"]
        in_context = utf16_slice(context["text"], context["offset"], context["length"])
        assert flagged.replace("\r", " ").replace("\n", " ") == in_context, match


def assert_edits_apply(original: str, edits: list[dict], rewritten: str) -> None:
    """Each edit's ``original`` is where it says (both units) and applying all gives the
    rewrite (so no edits must mean the rewrite is the original)."""
    pieces, position = [], 0
    for edit in sorted(edits, key=lambda item: item["offset"]):
        start, end = edit["offset"], edit["offset"] + edit["length"]
        assert original[start:end] == edit["original"]
        assert utf16_slice(original, edit["utf16_offset"], edit["utf16_length"]) == edit["original"]
        assert start >= position
        pieces += [original[position:start], edit["replacement"]]
        position = end
    pieces.append(original[position:])
    assert "".join(pieces) == rewritten
