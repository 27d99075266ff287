"""Merging issues from Harper and our rules: no overlaps, correctness wins."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from addin_server.engines.base import CheckOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.engines.merge import merge_issues
from addin_server.records import Category, Issue, Span
from addin_server.rules.guide import guide_rules
from addin_server.rules.guide_schema import REQUEST_LIMITS, guide_schema


def issue(
    start: int, end: int, category: Category = Category.CORRECTNESS, rule: str = "r"
) -> Issue:
    return Issue(rule, category, "k", "m", Span(start, end))


def test_correctness_beats_style_on_overlap() -> None:
    style = issue(0, 10, Category.STYLE, "style.x")
    wrong = issue(5, 8, Category.CORRECTNESS, "harper.y")
    assert merge_issues([wrong], [style]) == (wrong,)
    assert merge_issues([style], [wrong]) == (wrong,)


def test_disjoint_issues_are_kept_in_text_order() -> None:
    first, second = issue(10, 12), issue(0, 3, Category.CLARITY)
    assert merge_issues([first], [second]) == (second, first)


spans = st.tuples(st.integers(0, 50), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1]))
categories = st.sampled_from(list(Category))


@given(st.lists(st.tuples(spans, categories), max_size=40))
def test_merged_issues_never_overlap_and_lose_only_to_overlaps(items) -> None:
    issues = [issue(s, e, c) for (s, e), c in items]
    merged = merge_issues(issues)
    for a, b in itertools.pairwise(merged):
        assert a.span.end <= b.span.start and a.span != b.span
    for candidate in issues:
        if candidate not in merged:
            assert any(candidate.span.overlaps(k.span) or candidate.span == k.span for k in merged)


def test_the_style_guide_wins_over_generic_advice_but_not_over_correctness() -> None:
    guide = issue(7, 15, Category.STYLE, "guide.leverage")
    clarity = issue(0, 15, Category.CLARITY, "style.weasel_words")
    wrong = issue(9, 12, Category.CORRECTNESS, "harper.SpellCheck")
    assert merge_issues([clarity], [guide]) == (guide,)
    assert merge_issues([guide, clarity]) == (guide,)
    assert merge_issues([guide], [wrong]) == (wrong,)


def test_a_request_style_guide_keeps_its_warning_where_a_generic_rule_overlaps() -> None:
    text = "Simply leverage the e-mail link."
    rules = guide_rules(
        guide_schema(REQUEST_LIMITS).load(
            {"terms": [{"use": "use", "instead_of": ["leverage"], "message": "Say “{use}”."}]}
        )
    )
    without_guide = LocalEngine().check(text, CheckOptions()).issues
    assert any(i.rule_id == "style.weasel_words" for i in without_guide)  # the overlap is real
    found = LocalEngine().check(text, CheckOptions(rules=rules)).issues
    guide = [i for i in found if i.rule_id.startswith("guide.")]
    assert [text[i.span.start : i.span.end] for i in guide] == ["leverage"]
    assert guide[0].replacements == ("use",)
