"""A rewrite never makes an error: re-check it and drop the edits that made one.

A transform or a fix can be wrong where its pattern is blind to the sentence: a false alarm
applied as a sure fix ("it's kind of" -> "its kind of"), a deletion that leaves a broken
phrase. Before a rewrite is answered, its text is checked again; a correctness issue the
text before it did not have is new, and the edits that touch it are dropped. Issues are
compared by rule and flagged text, not by offset, since every edit moves the offsets after
it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from addin_server.engines.base import CheckOptions
from addin_server.records import Category, CheckResult, Edit, Issue, Span
from addin_server.text.diff import apply_edits, word_edits

Check = Callable[[str, CheckOptions], CheckResult]

# Each round drops the edits behind the new issues it found and checks again; a rewrite that
# still has new issues after this many rounds is given up for the text it started from.
MAX_ROUNDS = 4


def without_new_errors(
    before: str,
    after: str,
    check: Check,
    options: CheckOptions,
    checked_before: CheckResult | None = None,
) -> tuple[str, CheckResult]:
    """``after`` less the edits that give it a correctness issue ``before`` lacks, and the
    check of the text returned."""
    checked_before = checked_before or check(before, options)
    if after == before:
        return before, checked_before
    old = _correctness(checked_before.issues)
    known = Counter(_key(before, issue) for issue in old)
    candidate = after
    for _ in range(MAX_ROUNDS):
        checked = check(candidate, options)
        edits = word_edits(before, candidate, join_close=False)
        placed = _placed(edits)
        new = [
            issue
            for issue in _new_issues(candidate, checked.issues, known)
            if not _inherited(issue, placed, old)
        ]
        if not new:
            return candidate, checked
        guilty = _edits_behind(placed, new)
        if not guilty:
            # No edit's words are at fault: the checker now reads the context differently
            # ("fun!!! lemme" calmed to "fun! lemme" starts a sentence). Its sure fix mends
            # that; without one, the nearest edit goes.
            sure = [issue for issue in new if len(issue.replacements) == 1]
            if sure:
                fixes = {issue.span: Edit(issue.span, issue.replacements[0]) for issue in sure}
                candidate = apply_edits(candidate, _disjoint(fixes.values()))
                continue
            guilty = {_nearest(placed, new[0])}
        candidate = apply_edits(before, [edit for edit in edits if edit not in guilty])
        if candidate == before:
            return before, checked_before
    return before, checked_before


def _disjoint(edits: Iterable[Edit]) -> list[Edit]:
    kept: list[Edit] = []
    for edit in sorted(edits, key=lambda item: item.span):
        if not kept or kept[-1].span.end <= edit.span.start:
            kept.append(edit)
    return kept


def _nearest(placed: Sequence[tuple[Edit, int, int]], issue: Issue) -> Edit:
    def distance(item: tuple[Edit, int, int]) -> int:
        return min(abs(item[1] - issue.span.end), abs(item[2] - issue.span.start))

    return min(placed, key=distance)[0]


def _correctness(issues: Sequence[Issue]) -> list[Issue]:
    return [issue for issue in issues if issue.category is Category.CORRECTNESS]


def _key(text: str, issue: Issue) -> tuple[str, str]:
    return issue.rule_id, text[issue.span.start : issue.span.end]


def _new_issues(text: str, issues: Sequence[Issue], known: Counter[tuple[str, str]]) -> list[Issue]:
    """The issues whose rule and text occur more often than before (all of them: which one is
    new cannot be told, the edits they touch can)."""
    found = _correctness(issues)
    counts = Counter(_key(text, issue) for issue in found)
    return [issue for issue in found if counts[_key(text, issue)] > known[_key(text, issue)]]


def _placed(edits: Sequence[Edit]) -> list[tuple[Edit, int, int]]:
    """Each edit with where its replacement stands in the rewritten text."""
    placed = []
    delta = 0
    for edit in sorted(edits, key=lambda item: item.span):
        start = edit.span.start + delta
        placed.append((edit, start, start + len(edit.replacement)))
        delta += len(edit.replacement) - edit.span.length
    return placed


def _touches(span: Span, start: int, end: int) -> bool:
    return span.start <= end and start <= span.end


def _inherited(issue: Issue, placed: Sequence[tuple[Edit, int, int]], old: Sequence[Issue]) -> bool:
    """An issue on an edit whose original words had the same rule's issue: the edit changed
    the flagged words, not the fault ("lemme know" -> "let me know", both uncapitalised)."""
    return any(
        _touches(issue.span, start, end)
        and any(
            o.rule_id == issue.rule_id and _touches(o.span, edit.span.start, edit.span.end)
            for o in old
        )
        for edit, start, end in placed
    )


def _edits_behind(placed: Sequence[tuple[Edit, int, int]], new: Sequence[Issue]) -> set[Edit]:
    """The edits that touch a new issue, in the rewritten text's offsets. An issue no edit
    touches comes from how the checker reads the context (a far edit moved its sentence
    boundaries), not from the words of an edit; no edit is blamed for it."""
    guilty = {
        edit for edit, start, end in placed for issue in new if _touches(issue.span, start, end)
    }
    return guilty
    for issue in new:
        nearest = min(
            placed,
            key=lambda item: min(abs(item[1] - issue.span.end), abs(item[2] - issue.span.start)),
        )
        guilty.add(nearest[0])
    return guilty
