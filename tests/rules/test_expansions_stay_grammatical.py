"""A rewrite that expands shorthand writes a whole verb phrase and the right preposition, and
the check flags the broken forms an expansion could leave."""

from __future__ import annotations

import pytest

from addin_server.engines.base import CheckOptions, RewriteOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.engines.local.transforms.lexicon import lexicon_rule
from addin_server.rules.base import Document


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine()


@pytest.mark.parametrize(
    ("text", "formal"),
    [
        ("we gonna be late cuz traffic", "We are going to be late because of traffic."),
        ("he wanna go home cuz the rain", "He wants to go home because of the rain."),
        ("I gonna call u cuz I miss u", "I am going to call you because I miss you."),
    ],
)
def test_formal_rewrite_of_shorthand_is_grammatical(
    engine: LocalEngine, text: str, formal: str
) -> None:
    assert engine.rewrite(text, RewriteOptions(tone="formal")).rewritten == formal


def test_the_check_flags_what_a_word_for_word_expansion_leaves(engine: LocalEngine) -> None:
    text = "We going to be late because traffic."
    found = {
        (issue.rule_id, issue.replacements[0])
        for issue in engine.check(text, CheckOptions()).issues
    }
    assert ("grammar.verb_form.missing_be", "are going") in found
    assert ("grammar.because_of", "because of") in found


def test_the_table_offers_the_completed_phrase_only_where_the_parse_wants_it() -> None:
    rule = lexicon_rule("formal_words.tsv")
    noun = Document("We will be late cuz traffic.")
    clause = Document("We will be late cuz the traffic is bad.")
    assert [issue.replacements[0] for issue in rule.find(noun)] == ["because of"]
    assert [issue.replacements[0] for issue in rule.find(clause)] == ["because"]
