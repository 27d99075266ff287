"""What stands between the local engine and the references: the edits most correctors made
that the engine did not, by kind, and what each kind would add to GLEU if it were all made.

An edit counts when at least three of the four references make it (the same source tokens
replaced by the same tokens), so it is a correction people agree on, not one rewording among
many. The "oracle" score adds the missed edits of one kind to the engine's own output
(where they do not overlap its edits) and scores the result: an upper bound on what rules
for that kind could add.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from quality.attribution import TokenEdit, token_edits
from quality.gleu import Corpus, corpus_gleu
from quality.runner import Corrected

AGREEMENT = 3
ARTICLES = frozenset(("a", "an", "the"))
KINDS = (
    "spelling or word choice",
    "several words rewritten",
    "comma added",
    "article added",
    "article removed or changed",
    "singular/plural (-s)",
    "word added",
    "word removed",
    "other punctuation or case",
)


@dataclass(frozen=True)
class GapRow:
    """Missed agreed edits of one kind and the score if all were made."""

    kind: str
    missed: int
    oracle_gain: float


def kind_of(source: Sequence[str], edit: TokenEdit) -> str:
    """Which of :data:`KINDS` an edit of ``source`` is."""
    start, end, new = edit
    old = tuple(source[start:end])
    lowered_old, lowered_new = [w.lower() for w in old], [w.lower() for w in new]
    if not old:
        if new == (",",):
            return "comma added"
        if lowered_new[0] in ARTICLES:
            return "article added"
        return "word added" if any(w.isalnum() for w in new) else "other punctuation or case"
    if not new:
        if lowered_old[0] in ARTICLES:
            return "article removed or changed"
        return "word removed" if any(w.isalnum() for w in old) else "other punctuation or case"
    if len(old) == 1 and len(new) == 1:
        before, after = lowered_old[0], lowered_new[0]
        if before == after or not (before.isalnum() and after.isalnum()):
            return "other punctuation or case"
        if before in ARTICLES or after in ARTICLES:
            return "article removed or changed"
        if after in (before + "s", before + "es") or before in (after + "s", after + "es"):
            return "singular/plural (-s)"
        return "spelling or word choice"
    return "several words rewritten"


def gap(corpus: Corpus, corrected: Sequence[Corrected], iterations: int) -> list[GapRow]:
    """Per kind (and for all kinds together, last): agreed edits the engine missed, and the
    GLEU gain if it made them all."""
    made = [
        token_edits(src, result.tokens)
        for src, result in zip(corpus.sources, corrected, strict=True)
    ]
    missed: list[list[TokenEdit]] = []
    for source, references, ours in zip(corpus.sources, corpus.references, made, strict=True):
        votes = Counter(e for ref in references for e in set(token_edits(source, ref)))
        missed.append([e for e, n in votes.items() if n >= AGREEMENT and e not in ours])
    base = corpus_gleu(corpus, [result.tokens for result in corrected], iterations)
    rows = []
    for kind in (*KINDS, None):
        hypotheses, count = [], 0
        for source, ours, lost in zip(corpus.sources, made, missed, strict=True):
            added: list[TokenEdit] = []
            for edit in lost:
                wanted = kind is None or kind_of(source, edit) == kind
                if wanted and not _overlaps(edit, [*ours, *added]):
                    added.append(edit)
            count += len(added)
            hypotheses.append(_apply(source, [*ours, *added]))
        gain = corpus_gleu(corpus, hypotheses, iterations) - base
        rows.append(GapRow(kind or "all of the above", count, gain))
    return rows


def _overlaps(edit: TokenEdit, others: Sequence[TokenEdit]) -> bool:
    start, end, _ = edit
    return any(start <= o_end and o_start <= end for o_start, o_end, _ in others)


def _apply(source: Sequence[str], edits: Sequence[TokenEdit]) -> list[str]:
    result: list[str] = []
    position = 0
    for start, end, new in sorted(edits):
        result += [*source[position:start], *new]
        position = end
    return result + list(source[position:])
