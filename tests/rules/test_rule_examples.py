"""Every rule proves itself on its own examples; a rule without examples fails."""

from __future__ import annotations

import pytest

from addin_server.records import Edit
from addin_server.rules import builtin_rules
from addin_server.rules.base import Document, Example, Rule
from addin_server.text.diff import apply_edits

RULES = builtin_rules()
CASES = [
    pytest.param(rule, example, id=f"{rule.info.id}:{'bad' if example.flags else 'good'}:{n}")
    for rule in RULES
    for n, example in enumerate(rule.info.examples)
]


def test_rules_exist() -> None:
    assert RULES


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.info.id)
def test_every_rule_has_examples_to_flag_and_to_leave_alone(rule: Rule) -> None:
    assert any(example.flags for example in rule.info.examples), "no example it must flag"
    assert any(not example.flags for example in rule.info.examples), "no example to leave alone"
    assert rule.info.description.strip()


@pytest.mark.parametrize(("rule", "example"), CASES)
def test_rule_examples(rule: Rule, example: Example) -> None:
    issues = list(rule.find(Document(example.text)))
    if not example.flags:
        assert issues == [], f"{rule.info.id} flagged a good example: {issues}"
        return
    assert issues, f"{rule.info.id} missed: {example.text!r}"
    for issue in issues:
        assert issue.rule_id == rule.info.id
        assert 0 <= issue.span.start <= issue.span.end <= len(example.text)
    if example.fixed is not None:
        fixes = [Edit(i.span, i.replacements[0]) for i in issues if i.replacements]
        assert apply_edits(example.text, fixes) == example.fixed


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.info.id)
def test_rule_ids_are_dotted_and_stable_looking(rule: Rule) -> None:
    prefix, _, name = rule.info.id.partition(".")
    assert prefix in {"style", "grammar", "guide"} and name
    assert rule.info.id == rule.info.id.lower()
