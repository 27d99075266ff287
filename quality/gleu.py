"""GLEU, the measure of grammatical error correction JFLEG is scored with.

GLEU (Napoles, Sakaguchi, Post and Tetreault 2015; revised 2016) rewards what a correction
gets right and punishes what it should have changed but kept. For a hypothesis H, its source S
and one reference R, and each n-gram order n = 1..4:

    matches(n)  = |H ∩ R| - |H ∩ (S \\ R)|      (clipped n-gram counts; floored at 0)
    possible(n) = max(len(H) - n + 1, 0)

where ``S \\ R`` holds the source n-grams (with the source's counts) that do not occur in R at
all: an n-gram the writer had and the reference removed counts against a hypothesis that
keeps it. The statistics (hypothesis length, reference length, and both counts per order) are
summed over the corpus, and the score is BLEU's combination of them::

    GLEU = BP · exp(mean over n of log(matches(n) / possible(n))),   BP = min(1, e^(1 - r/c))

with c and r the summed hypothesis and reference lengths; any zero statistic gives 0.

With several references per sentence, one is drawn per sentence at random, the corpus score
computed, and this repeated 500 times; the score is the mean. The draws follow the published
scorer's convention (draw j seeds Python's ``random`` with ``101 * j`` and takes
``randint(0, k - 1)`` per sentence), so our figures agree with published ones to the last
digit: the spread between single draws is about 0.01, enough to move the mean of 500 by
0.001 with other draws. Each sentence's statistics against each reference are computed once,
so the repetitions only add.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

MAX_ORDER = 4
ITERATIONS = 500

Tokens = Sequence[str]


def ngrams(tokens: Tokens, order: int) -> Counter[tuple[str, ...]]:
    """Count the n-grams of length ``order`` in ``tokens``."""
    return Counter(tuple(tokens[i : i + order]) for i in range(len(tokens) - order + 1))


def sentence_stats(hypothesis: Tokens, source: Tokens, reference: Tokens) -> tuple[int, ...]:
    """GLEU's sufficient statistics of one sentence against one reference.

    ``(len(H), len(R), matches(1), possible(1), ..., matches(4), possible(4))``.
    """
    stats = [len(hypothesis), len(reference)]
    for order in range(1, MAX_ORDER + 1):
        hyp, src, ref = ngrams(hypothesis, order), ngrams(source, order), ngrams(reference, order)
        kept_but_changed = Counter({gram: n for gram, n in src.items() if gram not in ref})
        matched = sum((hyp & ref).values()) - sum((hyp & kept_but_changed).values())
        stats += [max(matched, 0), max(len(hypothesis) - order + 1, 0)]
    return tuple(stats)


def score_from_stats(stats: Sequence[int]) -> float:
    """Combine summed statistics into a GLEU score (0 if any statistic is 0)."""
    if any(value == 0 for value in stats):
        return 0.0
    hyp_len, ref_len = stats[0], stats[1]
    log_precision = (
        sum(math.log(stats[i] / stats[i + 1]) for i in range(2, len(stats), 2)) / MAX_ORDER
    )
    return math.exp(min(0.0, 1 - ref_len / hyp_len) + log_precision)


@dataclass(frozen=True)
class Corpus:
    """Sources and their references, tokenised (``references[i]`` are sentence i's)."""

    sources: Sequence[Tokens]
    references: Sequence[Sequence[Tokens]]

    def __post_init__(self) -> None:
        if len(self.sources) != len(self.references):
            raise ValueError("one set of references per source sentence")
        if any(not refs for refs in self.references):
            raise ValueError("every sentence needs at least one reference")


def corpus_gleu(
    corpus: Corpus, hypotheses: Sequence[Tokens], iterations: int = ITERATIONS
) -> float:
    """Corpus GLEU of ``hypotheses``, averaged over random draws of one reference each."""
    if len(hypotheses) != len(corpus.sources):
        raise ValueError("one hypothesis per source sentence")
    per_reference = [
        [sentence_stats(hyp, src, ref) for ref in refs]
        for hyp, src, refs in zip(hypotheses, corpus.sources, corpus.references, strict=True)
    ]
    if all(len(refs) == 1 for refs in corpus.references):
        iterations = 1  # nothing to draw
    scores = []
    for iteration in range(iterations):
        draw = random.Random(iteration * 101)
        totals = [0] * (2 + 2 * MAX_ORDER)
        for options in per_reference:
            chosen = options[draw.randint(0, len(options) - 1)]
            totals = [total + value for total, value in zip(totals, chosen, strict=True)]
        scores.append(score_from_stats(totals))
    return sum(scores) / len(scores)
