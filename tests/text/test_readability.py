"""Readability figures: counts, reading time and Flesch scores for the whole text."""

from __future__ import annotations

import pytest

from addin_server.text.readability import syllables, text_stats


@pytest.mark.parametrize(
    ("word", "count"),
    [("cat", 1), ("table", 2), ("make", 1), ("makes", 1), ("fixes", 2), ("created", 3),
     ("wanted", 2), ("jumped", 1), ("beautiful", 3), ("happy", 2), ("yes", 1), ("layout", 2),
     ("various", 3), ("actual", 3), ("completely", 3), ("statement", 2), ("everyone", 3),
     ("style", 1), ("while", 1), ("people's", 2), ("well-known", 2), ("readability", 5)],
)  # fmt: skip
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_stats_of_a_short_text_by_hand() -> None:
    # 8 words, 2 sentences, 9 syllables (each word has one but "happy", which has two).
    stats = text_stats("The cat sat. The happy dog ran home 👍🏽.")
    assert (stats.words, stats.sentences, stats.syllables) == (8, 2, 9)
    assert stats.characters == 38  # the emoji with its skin tone is one character
    assert stats.average_sentence_words == 4.0
    assert stats.flesch_reading_ease == round(206.835 - 1.015 * 4 - 84.6 * 9 / 8, 1)
    assert stats.flesch_kincaid_grade == round(0.39 * 4 + 11.8 * 9 / 8 - 15.59, 1)
    assert stats.reading_time_seconds == 2


def test_harder_text_scores_harder() -> None:
    easy = text_stats("The cat sat on the mat. It was warm. We ate.")
    hard = text_stats(
        "Notwithstanding considerable organisational complexity, the interdepartmental "
        "committee nevertheless recommended comprehensive administrative reorganisation."
    )
    assert easy.flesch_reading_ease > 90 > 0 > hard.flesch_reading_ease
    assert easy.flesch_kincaid_grade < 3 < 20 < hard.flesch_kincaid_grade


def test_a_text_without_words_has_no_scores() -> None:
    stats = text_stats("  🎉 … ")
    assert (stats.words, stats.sentences, stats.reading_time_seconds) == (0, 0, 0)
    assert stats.flesch_reading_ease is None and stats.flesch_kincaid_grade is None
