"""Combine issues from several sources into one list without overlaps.

Where two issues overlap, the more important one stays: correctness, then the rules of the
organisation's style guide (``guide.*``: the writer's own house rules win over our generic
clarity and style advice), then clarity, then style; between equals, any rule before the
few of Harper's that guess at a word alone (``YIELDING_RULES``), then the earlier source
(Harper comes first) and the shorter span.

Notes (issues about a whole sentence, such as "this sentence is long") are merged among
themselves and then placed beside the other issues: a note may contain issues, since it
carries no replacement that could clash with theirs.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from addin_server.records import Category, Issue
from addin_server.rules.guide_rules import is_guide_rule

_RANK = {Category.CORRECTNESS: 0, Category.CLARITY: 2, Category.STYLE: 3}
# Below correctness (a misspelling is a fact), above every generic clarity or style rule.
_GUIDE_RANK = 1
# Harper rules that judge a word without reading the sentence: where one overlaps an issue
# of the same category, it gives way. The spell checker can only put the apostrophe back
# in "he dont" (grammar.agreement.contracted_negative says "doesn't") or make "datas"
# "data's"; PronounVerbAgreement offers "he leads" where "yesterday" asks for "led";
# MassNouns swaps the noun under "an" ("an advice" -> "an tip") where
# grammar.article.extra drops the article.
YIELDING_RULES = frozenset({"harper.SpellCheck", "harper.PronounVerbAgreement", "harper.MassNouns"})


def merge_issues(*sources: Iterable[Issue], notes: Iterable[Issue] = ()) -> tuple[Issue, ...]:
    """Return the issues of every source in text order, dropping the losers of overlaps,
    with ``notes`` (merged among themselves) placed beside them."""
    kept = _without_overlaps(*sources)
    kept_notes = _without_overlaps(notes)
    if not kept_notes:
        return kept
    # A note comes before the issues that start where it starts (it is the longer).
    return tuple(
        sorted((*kept, *kept_notes), key=lambda issue: (issue.span.start, -issue.span.end))
    )


def _without_overlaps(*sources: Iterable[Issue]) -> tuple[Issue, ...]:
    ranked = sorted(
        (
            (
                _rank(issue),
                issue.rule_id in YIELDING_RULES,
                order,
                issue.span.length,
                index,
                issue,
            )
            for order, source in enumerate(sources)
            for index, issue in enumerate(source)
        ),
        key=lambda item: item[:5],
    )
    # Kept issues never overlap, so sorted by start they are sorted by end too: a candidate
    # need only be compared with the one before it and those starting before its end.
    keys: list[tuple[int, int]] = []
    kept: list[Issue] = []
    for *_, issue in ranked:
        key = (issue.span.start, issue.span.end)
        position = bisect_left(keys, key)
        if _collides_near(issue, kept, position):
            continue
        keys.insert(position, key)
        kept.insert(position, issue)
    return tuple(kept)


def _rank(issue: Issue) -> int:
    if issue.category is not Category.CORRECTNESS and is_guide_rule(issue.rule_id):
        return _GUIDE_RANK
    return _RANK[issue.category]


def _collides_near(issue: Issue, kept: list[Issue], position: int) -> bool:
    if position > 0 and _collide(issue, kept[position - 1]):
        return True
    for index in range(position, len(kept)):
        other = kept[index]
        if other.span.start > issue.span.end:
            return False
        if _collide(issue, other):
            return True
    return False


def _collide(first: Issue, second: Issue) -> bool:
    # Two insertions at one point (empty spans) collide too.
    return first.span.overlaps(second.span) or first.span == second.span
