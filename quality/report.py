"""Write the figures of a quality run into QUALITY.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quality.attribution import RuleStats
from quality.gap import AGREEMENT, GapRow


@dataclass(frozen=True)
class Scores:
    """GLEU of the systems compared on one set."""

    sentences: int
    source: float
    harper: float
    local: float
    seconds_harper: float
    seconds_local: float
    # The local score with the fewer draws the per-rule ablation uses, so effects compare.
    local_ablation_base: float


@dataclass(frozen=True)
class Halves:
    """GLEU of each system on the first half of the set (where rules and the spelling ranker
    were developed) and on the second (held out)."""

    source: tuple[float, float]
    harper: tuple[float, float]
    local: tuple[float, float]


def render(
    scores: Scores,
    stats: Sequence[RuleStats],
    halves: Halves | None = None,
    missing: Sequence[GapRow] = (),
) -> str:
    """QUALITY.md's text: the scores, then per-rule firing and agreement with references."""
    lines = [
        "# Quality of the local engine on JFLEG (dev)",
        "",
        "Written by `make quality` (`python -m quality`); do not edit by hand.",
        "",
        f"JFLEG development set, {scores.sentences} learner sentences with four human",
        "corrections each. Each system sees the detokenised sentence; the first suggestion",
        "of every issue it reports is applied; the result is retokenised and scored with",
        "GLEU (`quality/gleu.py`: corpus GLEU, 500 draws of one reference per sentence).",
        "",
        "*Harper alone*: Harper's lints with its own order of spelling suggestions; *local*:",
        "the same lints with spelling suggestions ordered by context "
        "(`engines/local/spelling.py`),",
        "plus our rules. The halves: sentences 1-377, on which the rules and the ranker were",
        "developed, and 378-754, held out as a check that they generalise.",
        "",
        "| system | GLEU | first half | second half (held out) | time |",
        "| --- | --- | --- | --- | --- |",
        *_rows(scores, halves),
        "",
        f"Gain over Harper alone: {scores.local - scores.harper:+.4f}.",
        "",
        "## Rules on the set",
        "",
        "*fired*: issues reported (after merging, so a rule that lost an overlap to Harper",
        "is not counted); *fixes*: issues with a suggestion; *matched*: fixes whose token edit",
        "one of the four references also makes; *GLEU without*: the local score with that",
        "rule's fixes left out (100 draws), so *effect* is what the rule adds (negative:",
        "it costs).",
        "",
        "| rule | fired | fixes | matched | match rate | GLEU without | effect |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for rule in stats:
        without = "" if rule.gleu_without is None else f"{rule.gleu_without:.4f}"
        effect = (
            ""
            if rule.gleu_without is None
            else f"{scores.local_ablation_base - rule.gleu_without:+.4f}"
        )
        lines.append(
            f"| `{rule.rule_id}` | {rule.fired} | {rule.with_fix} | {rule.matched} | "
            f"{rule.match_rate:.0%} | {without} | {effect} |"
        )
    return "\n".join(lines + _gap_lines(missing)) + "\n"


def _gap_lines(missing: Sequence[GapRow]) -> list[str]:
    if not missing:
        return []
    lines = [
        "",
        "## What the rest of the gap is made of",
        "",
        f"Edits that at least {AGREEMENT} of the 4 correctors made and the local engine did",
        "not, by kind; *GLEU if all made*: the local score (100 draws) with every such edit",
        "of that kind added to the engine's output, an upper bound on what rules for that",
        "kind could bring (`quality/gap.py`).",
        "",
        "| kind | agreed edits missed | GLEU gain if all made |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {row.kind} | {row.missed} | {row.oracle_gain:+.4f} |" for row in missing]
    return lines


def _rows(scores: Scores, halves: Halves | None) -> list[str]:
    systems = (
        ("source, no edits", scores.source, halves and halves.source, None),
        ("Harper alone", scores.harper, halves and halves.harper, scores.seconds_harper),
        ("local engine", scores.local, halves and halves.local, scores.seconds_local),
    )
    rows = []
    for name, full, parts, seconds in systems:
        first, second = (f"{parts[0]:.4f}", f"{parts[1]:.4f}") if parts else ("", "")
        took = "" if seconds is None else f"{seconds:.1f} s"
        rows.append(f"| {name} | {full:.4f} | {first} | {second} | {took} |")
    return rows
