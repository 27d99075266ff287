"""Write the figures of a quality run into QUALITY.md."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quality.attribution import RuleStats


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


def render(scores: Scores, stats: Sequence[RuleStats]) -> str:
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
        "| system | GLEU | time |",
        "| --- | --- | --- |",
        f"| source, no edits | {scores.source:.4f} | |",
        f"| Harper alone | {scores.harper:.4f} | {scores.seconds_harper:.1f} s |",
        f"| local engine (Harper + our rules) | {scores.local:.4f} | "
        f"{scores.seconds_local:.1f} s |",
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
    return "\n".join(lines) + "\n"
