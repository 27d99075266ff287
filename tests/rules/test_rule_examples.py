"""Every rule proves itself on its own examples; a rule without examples fails."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from addin_server.records import Edit
from addin_server.rules import RULE_PACKAGES, builtin_rules, discover_rules
from addin_server.rules.base import Document, Example, Rule
from addin_server.text.diff import apply_edits

RULES = builtin_rules()
CASES = [
    pytest.param(rule, example, id=f"{rule.info.id}:{'bad' if example.flags else 'good'}:{n}")
    for rule in RULES
    for n, example in enumerate(rule.info.examples)
]


def test_every_rule_module_on_disk_gives_its_rules() -> None:
    discovered = {id(rule) for rule in RULES}
    modules = 0
    for package_name in RULE_PACKAGES:
        folder = Path(importlib.import_module(package_name).__path__[0])
        for path in sorted(folder.glob("[!_]*.py")):
            module = importlib.import_module(f"{package_name}.{path.stem}")
            rules = list(getattr(module, "RULES", ())) or [getattr(module, "RULE", None)]
            assert rules[0] is not None, f"{module.__name__} exports no rule"
            assert all(id(rule) in discovered for rule in rules), module.__name__
            modules += 1
    assert modules >= 30
    assert len(RULES) >= modules


def test_a_rule_module_without_a_rule_stops_discovery(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "typo_rules"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "fine.py").write_text(
        "from addin_server.rules.grammar.a_an import RULE as _A_AN\nRULE = _A_AN\n"
    )
    (package / "typo.py").write_text("RUEL = None\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(ValueError, match=r"typo_rules\.typo exports no RULE"):
        discover_rules(["typo_rules"])
    (package / "typo.py").unlink()
    assert [rule.info.id for rule in discover_rules(["typo_rules"])] == ["grammar.a_an"]


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
