"""JFLEG's tokenisation undone and redone."""

from __future__ import annotations

import pytest

from quality.tokens import detokenize, tokenize

CASES = [
    ("I do n't know .", "I don't know."),
    ('He said : " it \'s fine " , then left .', 'He said: "it\'s fine", then left.'),
    ("( see above ) and so on ...", "(see above) and so on..."),
    ("Mr. Smith , etc. .", "Mr. Smith, etc.."),
    ("They tend to restrict traffic , etc .", "They tend to restrict traffic, etc."),
    ("We 're here ; you 've gone !", "We're here; you've gone!"),
]


@pytest.mark.parametrize(("tokenised", "plain"), CASES)
def test_detokenize_then_tokenize_round_trips(tokenised: str, plain: str) -> None:
    assert detokenize(tokenised) == plain
    assert tokenize(plain) == tokenised.split()


def test_an_edit_by_a_checker_is_tokenised_like_the_references() -> None:
    assert tokenize("He doesn't go, does he?") == "He does n't go , does he ?".split()
