"""The errors learners whose first language has no articles or inflections make most (issue
28), before and after the rules written for them.

*Before* is the local engine as it was when the issue began (``data/learner_baseline.json``,
measured on all of JFLEG dev with :mod:`quality.error_types`, as this run is); *after* is
this run. Each sentence is scored against the reference that suits each run best, ERRANT's
way, so a type's count of reference edits may differ by a few between the two.
"""

from __future__ import annotations

import json
from pathlib import Path

from quality.error_types import Counts, TypeScores

BASELINE = Path(__file__).with_name("data") / "learner_baseline.json"
# The ERRANT types the learner rules are for (the measure), and all types together.
TYPES = ("M:DET", "U:DET", "R:NOUN:NUM", "R:VERB:TENSE")
ALL = "all types"


def render(after: TypeScores) -> list[str]:
    """The subsection: per type, right and made, precision and recall, before and after."""
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    lines = [
        "",
        f"### Learner errors (issue 28): before it (commit {base['commit']}) and now",
        "",
        "Missing and extra articles (`grammar.article.missing`, `grammar.article.extra`), noun",
        "number after plural markers (`grammar.noun_number`), tense against time words",
        "(`grammar.tense.past_time`, `grammar.tense.will_past`). *right / made*: the engine's",
        "edits of that type that match the reference, and all it made.",
        "",
        "| type | edits | before: right / made | before P | before R "
        "| now: right / made | now P | now R | recall gained |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for edit_type in (*TYPES, ALL):
        old = Counts(*base["types"][edit_type])
        new = after.overall if edit_type == ALL else after.count(edit_type)
        name = edit_type if edit_type == ALL else f"`{edit_type}`"
        lines.append(
            f"| {name} | {new.tp + new.fn} | {old.tp} / {old.tp + old.fp} | {_p(old)} | "
            f"{_r(old)} | {new.tp} / {new.tp + new.fp} | {_p(new)} | {_r(new)} | "
            f"{new.recall - old.recall:+.2f} |"
        )
    return lines


def _p(counts: Counts) -> str:
    return "" if counts.tp + counts.fp == 0 else f"{counts.precision:.2f}"


def _r(counts: Counts) -> str:
    return "" if counts.tp + counts.fn == 0 else f"{counts.recall:.2f}"
