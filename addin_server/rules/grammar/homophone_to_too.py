"""grammar.homophone.to_too: "to" and "too" confused.

"to" wants to be "too" between a linking verb and a degree word that ends the phrase ("it
is to late.", "there are to many cars"); "too" wants to be "to" before a verb's base form
or an article ("I want too go", "went too the shop").
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.words import COPULAR, is_punct
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

_DEGREE = frozenset(
    """much many few little late early big small long short hard easy expensive cheap
    difficult hot cold busy tired old young far close soon high low heavy light loud quiet
    good bad fast slow large strong weak dangerous complicated simple important serious
    dark bright full empty tight loose""".split()
)
TRIGGER = trigger(
    rf"""\b(?:is|are|was|were|be|been|seems?|looks?|feels?|gets?|got|became|becomes?|'s|'re)
        \s+to\s+(?:{"|".join(sorted(_DEGREE))})\b
    | \btoo\s+\w+"""
)
_ENDS_PHRASE = frozenset("to for and but that so because or".split())


def _degree_phrase_ends(parse: Parse, degree: Token) -> bool:
    later = parse.next(degree.i)
    if degree.lower in ("much", "many", "few", "little"):
        return True  # "are to many cars": a noun may follow
    return later is None or is_punct(later) or later.lower in _ENDS_PHRASE


def _decide(at: Around) -> Finding | None:
    """Flag "to" used for "too" and "too" used for "to"."""
    token, before, after = at.token, at.before, at.after
    if before is None or after is None:
        return None
    if token.lower == "to":
        if (
            before.lower in COPULAR
            and after.lower in _DEGREE
            and _degree_phrase_ends(at.parse, after)
        ):
            return replace_token(token, "too", "grammar.homophone.to_too.too")
    elif after.tag == "VB" or after.lower in ("the", "a", "an"):
        if after.tag == "VB" and after.lower in _DEGREE:
            return None
        return replace_token(token, "to", "grammar.homophone.to_too.to")
    return None


check = each_token(("to", "too"), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.to_too",
        description="“to” and “too” confused.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("It is to late to call.", "It is too late to call."),
            bad("There are to many cars in the city.", "There are too many cars in the city."),
            bad("This box is to heavy for me.", "This box is too heavy for me."),
            bad("I want too go home.", "I want to go home."),
            bad("We went too the market.", "We went to the market."),
            good("It is too late to call."),
            good("I spoke to many people."),
            good("She wants to go to bed early."),
            good("He came to late meetings."),
            good("I want some too."),
            good("The road is too long."),
            good("It seems to work."),
            good("She was too tired to walk."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
