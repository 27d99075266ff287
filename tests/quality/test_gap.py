"""The gap report: agreed edits the engine missed, sorted into kinds."""

from __future__ import annotations

import pytest

from quality.gap import gap, kind_of
from quality.gleu import Corpus
from quality.runner import Corrected

SOURCE = "I like it but he does n't .".split()


@pytest.mark.parametrize(
    ("edit", "kind"),
    [
        ((3, 3, (",",)), "comma added"),
        ((0, 1, ("We",)), "spelling or word choice"),
        ((2, 3, ("them",)), "spelling or word choice"),
        ((2, 2, ("the",)), "article added"),
        ((4, 5, ()), "word removed"),
        ((1, 2, ("likes",)), "singular/plural (-s)"),
        ((0, 2, ("We", "love")), "several words rewritten"),
    ],
)
def test_edits_are_sorted_by_kind(edit: tuple, kind: str) -> None:
    assert kind_of(SOURCE, edit) == kind


def test_a_comma_every_corrector_adds_is_counted_and_would_raise_the_score() -> None:
    fixed = "I like it , but he does n't .".split()
    corpus = Corpus([SOURCE], [[fixed, fixed, fixed, SOURCE]])
    unchanged = Corrected("I like it but he doesn't.", (), list(SOURCE))
    rows = {row.kind: row for row in gap(corpus, [unchanged], iterations=20)}
    assert rows["comma added"].missed == 1 and rows["comma added"].oracle_gain > 0
    assert rows["article added"].missed == 0 and rows["article added"].oracle_gain == 0
    assert rows["all of the above"].missed == 1
