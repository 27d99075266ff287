"""Word-level edits: applied to the original they give the rewrite, and never split a
word, an emoji sequence or a letter from its accent."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from addin_server.text.diff import apply_edits, tokens, word_edits

pieces = st.sampled_from(
    [
        "the",
        "cat",
        "sat",
        " ",
        "  ",
        "\n",
        ",",
        ".",
        "don't",
        "Café",
        "e\u0301",
        "👨‍👩‍👧",
        "🇫🇷",
        "日本",
        "!",
    ]
)
texts = st.lists(pieces, max_size=25).map("".join)


def grapheme_boundaries(text: str) -> set[int]:
    bounds, position = {0}, 0
    for cluster in regex.findall(r"\X", text):
        position += len(cluster)
        bounds.add(position)
    return bounds


@given(texts, texts)
def test_edits_turn_the_original_into_the_rewrite(original: str, rewritten: str) -> None:
    assert apply_edits(original, word_edits(original, rewritten)) == rewritten


@given(texts, texts)
def test_edits_fall_on_grapheme_boundaries(original: str, rewritten: str) -> None:
    bounds = grapheme_boundaries(original)
    for edit in word_edits(original, rewritten):
        assert edit.span.start in bounds and edit.span.end in bounds


@given(texts)
def test_tokens_join_back(text: str) -> None:
    assert "".join(tokens(text)) == text


def test_a_word_swap_is_one_edit() -> None:
    [edit] = word_edits("It is a very big house.", "It is a huge house.")
    assert ("It is a very big house."[edit.span.start : edit.span.end], edit.replacement) == (
        "very big",
        "huge",
    )


def test_identical_texts_have_no_edits() -> None:
    assert word_edits("Same text.", "Same text.") == ()


sentences = st.lists(
    st.sampled_from(
        [
            "The cat sat on the mat.",
            "In order to win, we train.",
            "Café owners said no!",
            "👨‍👩‍👧 came too?",
            "日本語です。",
            "Short one.",
        ]
    ),
    min_size=1,
    max_size=12,
).map(" ".join)
documents = st.lists(sentences, min_size=1, max_size=12).map("\n\n".join)


@given(documents, documents)
def test_long_documents_align_by_paragraph_and_sentence(original: str, rewritten: str) -> None:
    edits = word_edits(original, rewritten)
    assert apply_edits(original, edits) == rewritten
    bounds = grapheme_boundaries(original)
    for edit in edits:
        assert edit.span.start in bounds and edit.span.end in bounds


def test_a_book_length_rewrite_is_diffed_sentence_by_sentence() -> None:
    paragraph = "The fox runs. In order to win, we train hard today. " * 5
    original = "\n\n".join(f"Part {n}. {paragraph}" for n in range(2000))
    rewritten = original.replace("In order to win", "To win")
    edits = word_edits(original, rewritten)
    assert len(edits) == 10_000
    assert {original[e.span.start : e.span.end] for e in edits} == {"In order to"}
