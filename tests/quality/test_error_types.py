"""The ERRANT measure: edits typed the way the field types them, each sentence scored against
the reference that suits it best, and `python -m quality errant` running on a small sample."""

from __future__ import annotations

import pytest

from quality.__main__ import main
from quality.error_types import Annotator, References, TypedEdit, score
from tests.conftest import ROOT
from tests.quality.test_gleu import needs_jfleg


@pytest.fixture(scope="module")
def annotator() -> Annotator:
    return Annotator()


def _edits(annotator: Annotator, source: str, corrected: str) -> tuple[TypedEdit, ...]:
    parsed = annotator.parse_many([source.split()])
    return annotator.edits_of_all(parsed, [corrected.split()])[0]


def test_edits_get_errant_types(annotator: Annotator) -> None:
    found = _edits(annotator, "He go to school in two bus .", "He goes to school in two buses .")
    assert [(e.type, e.original, e.correction) for e in found] == [
        ("R:VERB:SVA", "go", "goes"),
        ("R:NOUN:NUM", "bus", "buses"),
    ]
    assert _edits(annotator, "It is fine .", "It is fine .") == ()


def test_each_sentence_is_scored_against_the_reference_that_suits_it(
    annotator: Annotator,
) -> None:
    sources = [["She", "go", "home", "."], ["I", "like", "apple", "."]]
    references = [
        [["She", "went", "home", "."], ["She", "goes", "home", "."]],
        [["I", "like", "apples", "."], ["I", "like", "an", "apple", "."]],
    ]
    gold = References.build(annotator, sources, references)
    system = annotator.edits_of_all(gold.sources, [["She", "goes", "home", "."], sources[1]])
    result = score(system, gold.edits)
    # "goes" matches the second reference of the first sentence; the second sentence is
    # left alone, so one edit is missed whichever reference is chosen.
    assert (result.overall.tp, result.overall.fp, result.overall.fn) == (1, 0, 1)
    assert result.count("R:VERB:SVA").tp == 1
    assert sum(result.missed.values()) == 1
    assert result.overall.precision == 1.0 and result.overall.recall == 0.5


@needs_jfleg
def test_the_errant_measure_runs_on_a_sample_without_writing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = (ROOT / "QUALITY.md").read_text(encoding="utf-8")
    assert main(["errant", "--limit", "16", "--no-write"]) == 0
    printed = capsys.readouterr().out
    assert "| `R:" in printed and "### Confusion list" in printed
    assert "ERRANT local: P" in printed
    assert (ROOT / "QUALITY.md").read_text(encoding="utf-8") == before
