"""The ERRANT measure: edits typed the way the field types them, each sentence scored against
the reference that suits it best, and the QUALITY.md section made on a small sample."""

from __future__ import annotations

import pytest

from quality import jfleg, learner
from quality.error_report import measure, render
from quality.error_types import Annotator, Counts, References, TypedEdit, TypeScores, score
from tests.quality.test_gleu import needs_jfleg

SAMPLE = 24


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
def test_the_section_scores_both_systems_on_a_sample() -> None:
    corpus = jfleg.load().corpus(SAMPLE)
    first_reference = [refs[0] for refs in corpus.references]
    # One "system" writes the first corrector's sentences, the other leaves the sources.
    run = measure(corpus.sources, corpus.references, first_reference, corpus.sources)
    assert run.local.overall.precision == 1.0 and run.local.overall.recall > 0.9
    assert run.harper.overall.tp == 0 and run.harper.overall.fn > 0
    section = render(run, "python -m quality errant", gleu=None)
    assert "| `R:" in section and "### Confusion list" in section
    assert "### Goals" not in section  # goals compare whole runs of the set only


def test_the_learner_types_are_shown_before_the_issue_and_now() -> None:
    """Each of the four types, and all types, with the recorded figures beside this run's."""
    now = TypeScores()
    now.count("M:DET").add(Counts(tp=11, fp=4, fn=66))
    now.overall.add(Counts(tp=560, fp=225, fn=1190))
    rows = {
        line.split(" | ")[0].lstrip("| "): line.split(" | ")
        for line in learner.render(now)
        if line.startswith("| ") and "---" not in line
    }
    assert set(rows) == {
        "type",
        "`M:DET`",
        "`U:DET`",
        "`R:NOUN:NUM`",
        "`R:VERB:TENSE`",
        "all types",
    }
    missing = rows["`M:DET`"]
    assert missing[2] == "0 / 0" and missing[5] == "11 / 15"  # before: none made; now: 11 of 15
    assert missing[6] == "0.73" and missing[-1].rstrip(" |") == "+0.14"
    assert rows["`U:DET`"][5] == "0 / 0"  # this run made none
