"""Words, neighbours and list items are read one way by the rules and by Harper's filter."""

from __future__ import annotations

import pytest

from addin_server.engines.base import Markup
from addin_server.engines.local.harper_tuning import without_false_alarms
from addin_server.records import Category, Issue, Span
from addin_server.rules.editing import at_sentence_start
from addin_server.text.words import Gap, word_after, word_before

MARKERS = ["-", "*", "+", "•", "1.", "12)"]


@pytest.mark.parametrize("marker", MARKERS)
def test_a_list_item_is_one_thing_to_the_rules_and_to_harpers_filter(marker: str) -> None:
    items = f"{marker} its own origin;\n{marker} the origins listed.\n"
    text = "Penwise accepts requests from:\n\n" + items
    second = text.index("the origins")
    # The rules: the first word of an item starts a sentence ("- Basically, we won.").
    assert at_sentence_start(text, second)
    # Harper's filter: a lower-case item that finishes the sentence before the list is not a
    # capitalisation error (Markdown lists; "•" is how a list pasted from Word arrives).
    lower_start = Issue(
        "harper.SentenceCapitalization",
        Category.CORRECTNESS,
        "capitalization",
        "This sentence does not start with a capital letter",
        Span(second, second + 3),
        ("The",),
    )
    assert without_false_alarms(text, [lower_start], Markup.MARKDOWN) == []


def test_a_line_that_only_looks_like_an_item_is_not_one() -> None:
    text = "Penwise accepts requests from:\n\n-its own origin;\n•the origins listed.\n"
    assert not at_sentence_start(text, text.index("the origins"))


@pytest.mark.parametrize(
    ("text", "word", "gap", "before", "after"),
    [
        ("Reply, ASAP. Thanks", "ASAP", Gap.PUNCTUATION, "Reply", "Thanks"),
        ("read last to first", "to", Gap.SPACE, "last", "first"),
        ("read last, to first.", "to", Gap.SPACE, None, "first"),
        ("| FOO | a PEM | file", "PEM", Gap.CELL, "a", None),
        ("the PEM\nfile", "PEM", Gap.CELL, "the", None),
    ],
)
def test_the_words_next_to_a_word(
    text: str, word: str, gap: Gap, before: str | None, after: str | None
) -> None:
    start = text.index(word)
    assert word_before(text, start, gap) == before
    assert word_after(text, start + len(word), gap) == after
