"""One case matcher for the rules' replacements and the rewrite transforms."""

from __future__ import annotations

import pytest

from addin_server.rules.english.casing import match_case


@pytest.mark.parametrize(
    ("original", "replacement", "sentence_start", "expected"),
    [
        ("then", "than", False, "than"),
        ("Then", "than", False, "Than"),
        ("THEN", "than", False, "THAN"),
        ("U.S.", "us", False, "US"),  # the letters are all capitals
        ("I", "me", False, "me"),  # "I" is not a capital that the replacement keeps...
        ("I", "me", True, "Me"),  # ...except at the start of a sentence
        ("me", "i", False, "I"),  # the pronoun is always a capital
        ("me", "i'm", False, "I'm"),
        ("", "x", False, "x"),
        ("x", "", False, ""),
    ],
)
def test_match_case(original: str, replacement: str, sentence_start: bool, expected: str) -> None:
    assert match_case(original, replacement, sentence_start=sentence_start) == expected
