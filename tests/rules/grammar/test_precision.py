"""Precision of every grammar rule, one by one: it flags nothing in the everyday texts but
their deliberate slips, and fires on at most 0.5% of JFLEG dev's corrected sentences (the
first reference of each), where a rule that fires is almost always wrong. (Clean prose and
the README get no correctness issue from the whole engine: tests/engines/test_clean_prose.py.)

A firing on a corrected sentence is forgiven only where another of the four correctors
made that very fix: the first corrector left "For instance we can" as it was, the others
wrote "For instance, we can", and a comma rule that asks for it is not wrong.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

import pytest

from addin_server.rules import builtin_rules
from addin_server.rules.base import Document, Rule
from addin_server.text.diff import apply_edits
from quality import jfleg
from quality.attribution import fix_matches, token_edits
from quality.runner import fixes
from quality.tokens import detokenize, tokenize
from tests.quality.test_gleu import needs_jfleg

EVERYDAY = Path(__file__).resolve().parents[2] / "data" / "everyday"
SLIPS: dict[str, list[str]] = tomllib.loads((EVERYDAY / "slips.toml").read_text("utf-8"))
GRAMMAR_RULES = [rule for rule in builtin_rules() if rule.info.id.startswith("grammar.")]
# At most this share of corrected sentences may get an issue from any one rule.
MAX_SHARE_ON_CORRECTED = 0.005


@cache
def corrected_sentences() -> tuple[tuple[str, list[list[str]]], ...]:
    """JFLEG dev's first reference, detokenised as a writer would have typed it, with the
    other three references' tokens."""
    return tuple(
        (detokenize(refs[0]), [ref.split() for ref in refs[1:]]) for refs in jfleg.load().references
    )


def _false_alarm(rule: Rule, sentence: str, others: list[list[str]]) -> bool:
    """Whether ``rule`` flags ``sentence`` with a fix no other corrector made."""
    issues = list(rule.find(Document(sentence)))
    if not issues:
        return False
    tokens = tokenize(sentence)
    reference_edits = [token_edits(tokens, other) for other in others]
    for issue in issues:
        fixed = tokenize(apply_edits(sentence, fixes([issue])))
        if not issue.replacements or not fix_matches(token_edits(tokens, fixed), reference_edits):
            return True
    return False


def _within_slip(text: str, start: int, end: int, slips: list[str]) -> bool:
    for slip in slips:
        at = text.find(slip)
        while at >= 0:
            if at <= start and end <= at + len(slip):
                return True
            at = text.find(slip, at + 1)
    return False


def test_every_everyday_text_lists_its_slips() -> None:
    assert set(SLIPS) == {path.name for path in EVERYDAY.glob("*.txt")}
    for name, slips in SLIPS.items():
        text = (EVERYDAY / name).read_text(encoding="utf-8")
        assert all(slip in text for slip in slips), name


@pytest.mark.parametrize("rule", GRAMMAR_RULES, ids=lambda rule: rule.info.id)
def test_grammar_rule_flags_only_the_slips_of_everyday_texts(rule: Rule) -> None:
    false_alarms = []
    for name, slips in SLIPS.items():
        text = (EVERYDAY / name).read_text(encoding="utf-8")
        for issue in rule.find(Document(text)):
            if not _within_slip(text, issue.span.start, issue.span.end, slips):
                false_alarms.append((name, text[issue.span.start : issue.span.end]))
    assert false_alarms == []


@needs_jfleg
@pytest.mark.parametrize("rule", GRAMMAR_RULES, ids=lambda rule: rule.info.id)
def test_grammar_rule_rarely_fires_on_corrected_learner_sentences(rule: Rule) -> None:
    sentences = corrected_sentences()
    fired = [s for s, others in sentences if _false_alarm(rule, s, others)]
    assert len(fired) <= MAX_SHARE_ON_CORRECTED * len(sentences), fired
