"""One table of first sounds picks "a" or "an", for the a/an rule and for every edit."""

from __future__ import annotations

import pytest

from addin_server.records import Span
from addin_server.rules.editing import agree_article
from addin_server.rules.english.articles import article_for, spelling_misleads


@pytest.mark.parametrize(
    ("word", "article"),
    [("apple", "an"), ("pear", "a"), ("hour", "an"), ("honest", "an"), ("user", "a"),
     ("university", "a"), ("one", "a"), ("umbrella", "an"), ("European", "a"), ("FBI", "an"),
     ("UFO", "a"), ("MBA", "an"), ("NASA", None), ("8", None), ("herb", "an"), ("herbal", "a")],
)  # fmt: skip
def test_article_for(word: str, article: str | None) -> None:
    assert article_for(word) == article


# Where the two tables this one replaced disagreed (rules/editing.py and grammar/a_an.py),
# the answer each word takes by its sound.
@pytest.mark.parametrize(
    ("word", "article"),
    [
        ("Ukrainian", "a"),  # "you-"
        ("ufology", "a"),
        ("utopia", "a"),
        ("utensil", "a"),
        ("uterus", "a"),
        ("utile", "a"),
        ("ureter", "a"),
        ("urethra", "a"),
        ("uric", "a"),
        ("urine", "a"),
        ("ouija", "a"),  # "wee-"
        ("oneness", "a"),  # "wun-"
        ("oneself", "a"),
        ("onetime", "a"),
        ("onerous", "an"),  # "on-"
        ("unidirectional", "a"),  # "you-ni-"
        ("unimodal", "a"),
        ("unidentified", "an"),  # "un-i-"
        ("unimaginable", "an"),
        ("unimportant", "an"),
        ("uninformed", "an"),
    ],
)
def test_the_tables_that_disagreed_settle_by_sound(word: str, article: str) -> None:
    assert article_for(word) == article
    assert spelling_misleads(word) is (article == "a")


def test_capitals_after_a_capital_article_are_shouting_not_an_initialism() -> None:
    assert article_for("UGLY", in_capitals=True) is None
    assert article_for("UGLY") == "a"  # read as the initialism U-G-L-Y
    text = "A VERY UGLY DAY"
    assert agree_article(text, Span(2, 7), "") == (Span(2, 7), "")


def test_an_edit_fixes_the_article_before_an_initialism() -> None:
    text = "She has a very MBA-like plan."
    assert agree_article(text, Span(10, 15), "") == (Span(8, 15), "an ")
