"""Which rules earn their keep: per rule, how often it fired and how often its fix agreed
with a human reference, and what the score would be without it.

A fix "matches" when the token edit it makes on its own (the source with only that fix
applied, diffed against the source) lies inside an edit that one of the references makes at
the same place: same or wider span of source tokens, and the fix's new tokens appear there in
the reference's new tokens. A fix that agrees with no reference may still be right (the
references rewrite freely), but a rule whose fixes rarely match deserves a look.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from addin_server.records import Edit
from addin_server.text.diff import apply_edits
from quality.gleu import Corpus, corpus_gleu
from quality.runner import Corrected, fixes
from quality.tokens import tokenize

TokenEdit = tuple[int, int, tuple[str, ...]]
# Fewer draws than the headline score: one ablation per rule, and differences are what count.
ABLATION_DRAWS = 100


@dataclass(frozen=True)
class RuleStats:
    """How one rule did on the set."""

    rule_id: str
    fired: int
    with_fix: int
    matched: int
    gleu_without: float | None = None

    @property
    def match_rate(self) -> float:
        """Share of its fixes that agree with a reference edit."""
        return self.matched / self.with_fix if self.with_fix else 0.0


def token_edits(before: Sequence[str], after: Sequence[str]) -> list[TokenEdit]:
    """The edits (source token range, new tokens) that turn ``before`` into ``after``."""
    matcher = SequenceMatcher(None, list(before), list(after), autojunk=False)
    return [
        (i1, i2, tuple(after[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _inside(edit: TokenEdit, reference_edit: TokenEdit) -> bool:
    start, end, new = edit
    ref_start, ref_end, ref_new = reference_edit
    if not (ref_start <= start and end <= ref_end):
        return False
    if not new:
        return True
    return any(ref_new[i : i + len(new)] == new for i in range(len(ref_new) - len(new) + 1))


def fix_matches(
    fix_edits: Sequence[TokenEdit], reference_edits: Sequence[Sequence[TokenEdit]]
) -> bool:
    """Whether some reference makes every one of the fix's token edits."""
    if not fix_edits:
        return False
    return any(
        all(any(_inside(edit, ref) for ref in ref_edits) for edit in fix_edits)
        for ref_edits in reference_edits
    )


def rule_stats(
    corpus: Corpus,
    corrected: Sequence[Corrected],
    ablate: bool = True,
    iterations: int = ABLATION_DRAWS,
) -> list[RuleStats]:
    """Per-rule firing, matching and (with ``ablate``) GLEU without the rule, by firing."""
    fired: dict[str, int] = defaultdict(int)
    with_fix: dict[str, int] = defaultdict(int)
    matched: dict[str, int] = defaultdict(int)
    for source, references, result in zip(
        corpus.sources, corpus.references, corrected, strict=True
    ):
        reference_edits = [token_edits(source, ref) for ref in references]
        for issue in result.issues:
            fired[issue.rule_id] += 1
            if not issue.replacements:
                continue
            with_fix[issue.rule_id] += 1
            alone = tokenize(apply_edits(result.text, [Edit(issue.span, issue.replacements[0])]))
            if fix_matches(token_edits(source, alone), reference_edits):
                matched[issue.rule_id] += 1
    stats = []
    for rule_id in sorted(fired, key=lambda rid: (-fired[rid], rid)):
        without = _gleu_without(corpus, corrected, rule_id, iterations) if ablate else None
        stats.append(
            RuleStats(rule_id, fired[rule_id], with_fix[rule_id], matched[rule_id], without)
        )
    return stats


def _gleu_without(
    corpus: Corpus, corrected: Sequence[Corrected], rule_id: str, iterations: int
) -> float:
    hypotheses = []
    for result in corrected:
        kept = [issue for issue in result.issues if issue.rule_id != rule_id]
        if len(kept) == len(result.issues):
            hypotheses.append(result.tokens)
        else:
            hypotheses.append(tokenize(apply_edits(result.text, fixes(kept))))
    return corpus_gleu(corpus, hypotheses, iterations)
