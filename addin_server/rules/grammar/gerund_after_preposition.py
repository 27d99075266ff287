"""grammar.verb_form.gerund_after_preposition: a verb in its base or "-s" form right after
a preposition ("Think about creates a fire break", "before take a decision", "insisted on
pay the bill"): after a preposition a verb is a gerund.

By the tags: a preposition (not "to", which grammar.verb_form.gerund_after_to reads) right
before a word the tagger takes for a verb ("before we go" puts a subject between them),
which is not also a noun unless an object follows ("in use" and "for sale" are nouns;
"before take a decision" has its object). Tags are enough, so the sentence is not parsed.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

_PREPOSITIONS = frozenset(
    "about of for by without before after in on at instead besides despite from".split()
)
# A preposition before a lowercase word that starts no noun phrase and is no gerund.
TRIGGER = trigger(
    r"""\b(?:about|of|for|by|without|before|after|in|on|at|instead|besides|despite|from)\s+
    (?!(?:the|a|an|my|your|his|her|its|our|their|this|that|these|those|it|them|him|me|us
        |you|some|any|all|each|every|no|many|much|more|most|one|which|what|who|whom|whose
        |course|example|order|fact|addition|general|particular|time|life|people)\b)
    (?-i:[a-z]+)\b(?<!ing)"""
)
_OBJECT_TAGS = frozenset(("DT", "PRP", "PRP$", "NN", "NNS", "CD"))
# "from then on", "later on", "and so on": "on" ends an adverb, and a verb may follow it.
_ADVERB_BEFORE_ON = frozenset("then now here there later early so".split())


def _verb_after(parse: Parse, preposition: Token) -> Token | None:
    verb = parse.next(preposition.i)
    if verb is None or verb.tag not in ("VB", "VBZ", "VBP") or not verb.text.islower():
        return None
    if not inflection.is_known(verb.lower, "VERB"):
        return None
    after = parse.next(verb.i)
    if inflection.is_known(verb.lower, "NOUN") and (after is None or after.tag not in _OBJECT_TAGS):
        return None
    return verb


def check(parse: Parse) -> Iterator[Finding]:
    """Flag a base or "-s" verb right after a preposition."""
    for token in parse.tokens:
        if token.lower not in _PREPOSITIONS or token.tag != "IN":
            continue
        before = parse.previous(token.i)
        if token.lower == "on" and before is not None and before.lower in _ADVERB_BEFORE_ON:
            continue
        verb = _verb_after(parse, token)
        if verb is None:
            continue
        gerund = inflection.verb_forms(inflection.lemma(verb.lower, "VERB")).gerund
        fixed = match_case(verb.text, gerund)
        said = message(
            "grammar.verb_form.gerund_after_preposition", preposition=token.text, fixed=fixed
        )
        yield Finding(verb.start, verb.end, said, (fixed,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.gerund_after_preposition",
        description="A base or “-s” verb right after a preposition (“before take”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("Think about creates a fire break.", "Think about creating a fire break."),
            bad("Think before take a decision.", "Think before taking a decision."),
            bad("He insisted on pay the bill.", "He insisted on paying the bill."),
            good("Think before taking a decision."),
            good("Call me before you go."),
            good("The tool is in use."),
            good("The house is for sale."),
            good("After it stops, we leave."),
            good("We talked about work."),
            good("Every answer from then on says so."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
