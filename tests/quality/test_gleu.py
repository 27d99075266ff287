"""GLEU as defined (Napoles et al.), checked by hand on small cases and on JFLEG's figures."""

from __future__ import annotations

import math

import pytest

from quality import jfleg
from quality.gleu import Corpus, corpus_gleu, ngrams, score_from_stats, sentence_stats


def test_ngrams_are_counted_with_repeats() -> None:
    assert ngrams("a b a b".split(), 2) == {("a", "b"): 2, ("b", "a"): 1}
    assert ngrams("a".split(), 2) == {}


def test_the_reference_itself_scores_one() -> None:
    corpus = Corpus([["he", "go", "home", "."]], [[["he", "goes", "home", "."]]])
    assert corpus_gleu(corpus, [["he", "goes", "home", "."]]) == pytest.approx(1.0)


def test_keeping_what_the_reference_changed_is_penalised() -> None:
    source = "he go to home today .".split()
    reference = "he goes home today .".split()
    # Unigrams: hypothesis = source (6); matches with R: he, today, . , home = 4;
    # source n-grams absent from R: go, to -> both kept, so 4 - 2 = 2.
    stats = sentence_stats(source, source, reference)
    assert stats[:4] == (6, 5, 2, 6)
    # Fixing "go" but keeping "to" removes one penalty and adds one match.
    fixed = "he goes to home today .".split()
    assert sentence_stats(fixed, source, reference)[2] == 5 - 1


def test_score_combines_precisions_with_a_brevity_penalty() -> None:
    stats = (4, 8, 2, 4, 1, 3, 1, 2, 1, 1)
    precisions = math.log(2 / 4) + math.log(1 / 3) + math.log(1 / 2) + math.log(1)
    expected = math.exp((1 - 8 / 4) + precisions / 4)
    assert score_from_stats(stats) == pytest.approx(expected)
    assert score_from_stats((4, 8, 0, 4, 1, 3, 1, 2, 1, 1)) == 0.0


def test_the_score_is_the_mean_over_reference_draws() -> None:
    corpus = Corpus([["a", "b", "c", "d"]], [[["a", "b", "c", "d"], ["w", "x", "y", "z"]]])
    score = corpus_gleu(corpus, [["a", "b", "c", "d"]], iterations=200)
    assert 0.2 < score < 0.8  # half the draws score 1, the others 0


def test_mismatched_lengths_are_refused() -> None:
    corpus = Corpus([["a"]], [[["a"]]])
    with pytest.raises(ValueError):
        corpus_gleu(corpus, [])


needs_jfleg = pytest.mark.skipif(
    not any(
        path.is_file() for path in (jfleg.DEFAULT_DIR / "dev.src", jfleg.FALLBACK_DIR / "dev.src")
    ),
    reason="JFLEG dev set not available",
)


@pytest.mark.slow  # the whole of JFLEG dev
@needs_jfleg
def test_published_figures_on_jfleg_dev_are_reproduced() -> None:
    data = jfleg.load()
    corpus = data.corpus()
    assert round(corpus_gleu(corpus, corpus.sources), 3) == 0.382
    # Each human reference against the other three: 0.553 on average.
    scores = []
    for held_out in range(4):
        others = Corpus(
            corpus.sources,
            [[ref for n, ref in enumerate(refs) if n != held_out] for refs in corpus.references],
        )
        scores.append(corpus_gleu(others, [refs[held_out] for refs in corpus.references]))
    assert round(sum(scores) / len(scores), 3) == 0.553
