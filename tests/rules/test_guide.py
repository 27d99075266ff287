"""An organisation's style guide: the YAML format, its validation, and the rules it makes."""

from __future__ import annotations

from pathlib import Path

import pytest
from marshmallow import ValidationError

from addin_server.records import Edit
from addin_server.rules.base import Document, Rule
from addin_server.rules.guide import GuideError, guide_rules, load_guide_file
from addin_server.rules.guide_schema import REQUEST_LIMITS, guide_schema
from addin_server.text.diff import apply_edits
from tests.conftest import ROOT

EXAMPLE = ROOT / "examples" / "style-guide.example.yaml"


def fix_all(rules: tuple[Rule, ...], text: str) -> str:
    document = Document(text)
    edits = [
        Edit(i.span, i.replacements[0]) for r in rules for i in r.find(document) if i.replacements
    ]
    return apply_edits(text, edits)


def test_the_example_guide_loads_with_stable_ids() -> None:
    ids = [rule.info.id for rule in load_guide_file(EXAMPLE)]
    assert ids == [
        "guide.sign-in", "guide.select", "guide.email", "guide.easy-words", "guide.leverage",
        "guide.github", "guide.javascript", "guide.penwise",
    ]  # fmt: skip


@pytest.mark.parametrize("rule", load_guide_file(EXAMPLE), ids=lambda rule: rule.info.id)
def test_each_guide_rule_proves_itself_on_its_examples(rule: Rule) -> None:
    assert any(e.flags for e in rule.info.examples) and any(not e.flags for e in rule.info.examples)
    for example in rule.info.examples:
        issues = list(rule.find(Document(example.text)))
        assert bool(issues) is example.flags, example
        if example.fixed is not None:
            assert fix_all((rule,), example.text) == example.fixed


def test_guide_rules_fix_terms_case_and_verbs_only_where_asked() -> None:
    rules = load_guide_file(EXAMPLE)
    text = "Please login to Github. The login page needs javascript. Login with your key."
    assert fix_all(rules, text) == (
        "Please sign in to GitHub. The login page needs JavaScript. Sign in with your key."
    )
    banned = [i for r in rules for i in r.find(Document("Simply restart it.")) if i.rule_id]
    assert [(i.rule_id, i.replacements) for i in banned] == [("guide.easy-words", ())]
    assert "easy" in banned[0].message


@pytest.mark.parametrize(
    ("source", "line", "reason"),
    [
        ("terms: [oops\n", 2, "expected"),
        (
            "terms:\n  - use: sign in\n    instead_of: login\n    as_a_verb: true\n",
            4,
            "terms[0].as_a_verb: Unknown field",
        ),
        ("terms:\n  - use: ''\n    instead_of: login\n", 2, "terms[0].use: Must be a non-empty"),
        ("terms:\n  - use: sign in\n", 2, "terms[0].instead_of: Missing data"),
        ("terms:\n  - use: a\n    instead_of: b\n    as_verb: maybe\n", 4, "true or false"),
        ("banned:\n  - term: simply\n", 2, "banned[0].message: Say why"),
        ("banned:\n  - term: a\n    terms: [b]\n    message: m\n", 2, "one of them"),
        ("colours:\n  - term: grey\n", 2, "colours: Unknown section"),
        ("capitalization: GitHub\n", 1, "capitalization: Must be a list"),
        ("capitalization:\n  - term: GitHub\n    term: Github\n", 3, "appears twice"),
        ("capitalization:\n  - term: A\n  - term: a\n", 3, "[1]: Another entry is named “a”"),
        ("capitalization:\n  - term: A\n    name: Big Name\n", 3, "name: May hold only lowercase"),
        ("- just\n- a list\n", 1, "mapping of sections"),
    ],
)
def test_an_invalid_guide_is_refused_with_the_line_and_the_reason(
    tmp_path: Path, source: str, line: int, reason: str
) -> None:
    path = tmp_path / "guide.yaml"
    path.write_text(source, encoding="utf-8")
    with pytest.raises(GuideError) as raised:
        load_guide_file(path)
    assert f"line {line}:" in str(raised.value)
    assert reason in str(raised.value)


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GuideError, match="cannot read"):
        load_guide_file(tmp_path / "missing.yaml")


def test_an_empty_guide_has_no_rules(tmp_path: Path) -> None:
    (tmp_path / "empty.yaml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_guide_file(tmp_path / "empty.yaml") == ()


def test_a_request_guide_is_validated_with_field_paths_and_limits() -> None:
    schema = guide_schema(REQUEST_LIMITS)
    rules = guide_rules(schema.load({"capitalization": [{"term": "GitHub"}]}))
    assert [rule.info.id for rule in rules] == ["guide.github"]
    with pytest.raises(ValidationError) as raised:
        schema.load({"terms": [{"use": "a", "instead_of": ["b", 3]}]})
    assert raised.value.messages == {"terms": {0: {"instead_of": {1: ["Not a valid string."]}}}}
    too_many = {"capitalization": [{"term": f"Term{n}"} for n in range(REQUEST_LIMITS.entries + 1)]}
    with pytest.raises(ValidationError, match="more than 50 entries"):
        schema.load(too_many)
    with pytest.raises(ValidationError, match="at most 100 characters"):
        schema.load({"banned": [{"term": "x" * 101, "message": "no"}]})
    twice = schema.load({"capitalization": [{"term": "A"}, {"term": "a"}]})
    with pytest.raises(GuideError) as named:
        guide_rules(twice)
    assert named.value.messages() == {"capitalization": {1: [named.value.reason]}}
