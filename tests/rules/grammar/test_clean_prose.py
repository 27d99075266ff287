"""Precision: the grammar rules flag nothing in clean, well-edited English."""

from __future__ import annotations

from pathlib import Path

import pytest

from addin_server.rules import builtin_rules
from addin_server.rules.base import Document

CLEAN = Path(__file__).resolve().parents[2] / "data" / "clean_sentences.txt"
GRAMMAR_RULES = [rule for rule in builtin_rules() if rule.info.id.startswith("grammar.")]


def clean_sentences() -> list[str]:
    """The sentences of tests/data/clean_sentences.txt (comments and blanks skipped)."""
    lines = CLEAN.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_there_are_enough_clean_sentences_and_grammar_rules() -> None:
    assert len(clean_sentences()) >= 300
    assert len(GRAMMAR_RULES) >= 15


@pytest.mark.parametrize("rule", GRAMMAR_RULES, ids=lambda rule: rule.info.id)
def test_grammar_rule_flags_nothing_in_clean_prose(rule) -> None:
    false_alarms = [
        (sentence, document.slice(issue.span), issue.replacements)
        for sentence in clean_sentences()
        for document in [Document(sentence)]
        for issue in rule.find(document)
    ]
    assert false_alarms == []


def test_clean_prose_as_one_document_gets_no_grammar_issue() -> None:
    document = Document(" ".join(clean_sentences()))
    issues = [issue for rule in GRAMMAR_RULES for issue in rule.find(document)]
    assert [(document.slice(i.span), i.rule_id) for i in issues] == []
