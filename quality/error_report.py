"""QUALITY.md's ERRANT section: scores per error type and the confusion list.

The section sits between its markers (``<!-- quality:errant -->``), so ``python -m quality
errant`` can refresh it alone and ``python -m quality`` writes it with the rest.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quality import learner
from quality.error_types import Annotator, Counts, References, TypeScores, score

SECTION = "errant"
CONFUSIONS = 20
# Today's figures when issue 25 began, which its goals are measured against.
BASELINE = Path(__file__).with_name("data") / "errant_baseline.json"
GLEU_GOAL = 0.50
RECALL_GAIN = 4 / 3


@dataclass(frozen=True)
class ErrantRun:
    """Both systems' scores on the whole set and on each half, and the run's size."""

    sentences: int
    middle: int
    local: TypeScores
    harper: TypeScores
    local_halves: tuple[TypeScores, TypeScores]
    harper_halves: tuple[TypeScores, TypeScores]
    seconds: float


def measure(
    sources: Sequence[Sequence[str]],
    references: Sequence[Sequence[Sequence[str]]],
    local: Sequence[Sequence[str]],
    harper: Sequence[Sequence[str]],
) -> ErrantRun:
    """Extract and score both systems' edits (tokenised sentences in, scores out)."""
    started = time.perf_counter()
    annotator = Annotator()
    gold = References.build(annotator, sources, references)
    local_edits = annotator.edits_of_all(gold.sources, local)
    harper_edits = annotator.edits_of_all(gold.sources, harper)
    middle = len(sources) // 2
    halves = (range(middle), range(middle, len(sources)))
    return ErrantRun(
        sentences=len(sources),
        middle=middle,
        local=score(local_edits, gold.edits),
        harper=score(harper_edits, gold.edits),
        local_halves=(
            score(local_edits, gold.edits, halves[0]),
            score(local_edits, gold.edits, halves[1]),
        ),
        harper_halves=(
            score(harper_edits, gold.edits, halves[0]),
            score(harper_edits, gold.edits, halves[1]),
        ),
        seconds=time.perf_counter() - started,
    )


def render(run: ErrantRun, command: str, gleu: float | None = None) -> str:
    """The section's text (without its markers); with the local engine's ``gleu`` on the
    whole set, the goals against the baseline too."""
    first, second = f"1-{run.middle}", f"{run.middle + 1}-{run.sentences}"
    lines = [
        "## Per error type (ERRANT)",
        "",
        f"Written by `{command}` ({run.seconds:.0f} s for the scoring); do not edit by hand.",
        "",
        "ERRANT (`errant` from PyPI, on the spaCy pipeline the engine uses) extracts the",
        "edits between each source and each of the four references, and between the source",
        "and each system's output, and names their type (`R:VERB:SVA`: a verb replaced for",
        "agreement; `M:DET`: a determiner missing; `U:PREP`: a preposition to remove). Each",
        "sentence is scored against the reference that suits the system best, ERRANT's way",
        "with several annotators; an edit is right when its span and correction match",
        "(`quality/error_types.py`). *P*, *R*: precision and recall; *F0.5* weighs precision",
        "twice as much as recall.",
        "",
        "| system | edits made | right | P | R | F0.5 | "
        f"R, {first} | R, {second} (held out) | P, {second} |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        _overall("Harper alone", run.harper, run.harper_halves),
        _overall("local engine", run.local, run.local_halves),
        "",
        "Types in the order of what the local engine misses most. *edits*: the reference",
        "edits of that type (as chosen for the local engine); *missed*: those it did not make.",
        "",
        "| type | edits | local P | local R | local F0.5 | missed | "
        "Harper P | Harper R | Harper F0.5 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    types = set(run.local.by_type) | set(run.harper.by_type)
    ranked = sorted(types, key=lambda t: (-run.local.count(t).fn, -run.local.count(t).tp, t))
    for edit_type in ranked:
        local, harper = run.local.count(edit_type), run.harper.count(edit_type)
        if local.tp + local.fn + local.fp + harper.fp == 0:
            continue
        lines.append(
            f"| `{edit_type}` | {local.tp + local.fn} | {_p(local)} | {_r(local)} | "
            f"{_f(local)} | {local.fn} | {_p(harper)} | {_r(harper)} | {_f(harper)} |"
        )
    lines += [
        "",
        f"### Confusion list: what the local engine misses most (sentences {first})",
        "",
        f"The {CONFUSIONS} most frequent (type, original → correction) pairs among the",
        "reference edits the local engine did not make, on the half the rules are developed",
        "on (the other half stays held out). The work queue.",
        "",
        "| # | type | original → correction | missed | Harper alone missed |",
        "| --- | --- | --- | --- | --- |",
    ]
    development = run.local_halves[0]
    for number, ((edit_type, original, correction), missed) in enumerate(
        development.missed.most_common(CONFUSIONS), start=1
    ):
        by_harper = run.harper_halves[0].missed[(edit_type, original, correction)]
        lines.append(
            f"| {number} | `{edit_type}` | {_words(original)} → {_words(correction)} | "
            f"{missed} | {by_harper} |"
        )
    if gleu is not None and run.sentences == BASELINE_SENTENCES:
        lines += learner.render(run.local)
        lines += _goals(run, gleu)
    return "\n".join(lines)


BASELINE_SENTENCES = 754


def _goals(run: ErrantRun, gleu: float) -> list[str]:
    """Where the local engine stands against the figures before issue 25's rules."""
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    total = run.local.overall
    recall, precision = round(total.recall, 4), round(total.precision, 4)
    rows = [
        ("GLEU, all of dev", base["gleu"], gleu, f"≥ {GLEU_GOAL:.2f}", gleu >= GLEU_GOAL),
        (
            "ERRANT recall",
            base["recall"],
            recall,
            f"≥ {base['recall'] * RECALL_GAIN:.4f} (+⅓)",
            recall >= round(base["recall"] * RECALL_GAIN, 4),
        ),
        (
            "ERRANT precision",
            base["precision"],
            precision,
            f"≥ {base['precision']:.4f}",
            precision >= base["precision"],
        ),
    ]
    lines = [
        "",
        f"### Goals (issue 25), against the figures before it (commit {base['commit']})",
        "",
        "| measure | before | now | goal | met |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {name} | {before:.4f} | {now:.4f} | {goal} | {'yes' if met else 'no'} |"
        for name, before, now, goal, met in rows
    ]
    for edit_type, original, correction, before in base["confusions"]:
        now = run.local_halves[0].missed[(edit_type, original, correction)]
        lines.append(
            f"| missed `{edit_type}` {_words(original)} → {_words(correction)} "
            f"(1-{run.middle}) | {before} | {now} | ≤ {before // 2} | "
            f"{'yes' if now <= before // 2 else 'no'} |"
        )
    return lines


def _overall(name: str, scores: TypeScores, halves: Sequence[TypeScores]) -> str:
    total = scores.overall
    return (
        f"| {name} | {total.tp + total.fp} | {total.tp} | {_p(total)} | {_r(total)} | "
        f"{_f(total)} | {_r(halves[0].overall)} | {_r(halves[1].overall)} | "
        f"{_p(halves[1].overall)} |"
    )


def _words(text: str) -> str:
    return f"“{text}”" if text else "∅"


def _p(counts: Counts) -> str:
    return "" if counts.tp + counts.fp == 0 else f"{counts.precision:.2f}"


def _r(counts: Counts) -> str:
    return "" if counts.tp + counts.fn == 0 else f"{counts.recall:.2f}"


def _f(counts: Counts) -> str:
    return "" if counts.tp + counts.fp + counts.fn == 0 else f"{counts.f05:.2f}"
