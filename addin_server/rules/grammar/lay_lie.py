"""grammar.lay_lie: "lay" (put something down, takes an object) used for "lie" (recline).

Flagged only where no object can follow: "lay", "lays" or "laying" right before "down" and
the end of the phrase, or before "in/on" + bed/the floor/the sofa..., and only where "lay"
cannot be the past of "lie" (after "to", a modal, "do", "let's", or as "lays"/"laying").
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.words import MODALS, is_punct
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger

TRIGGER = trigger(r"\blay(?:s|ing)?\s+(?:down|in|on|around|about)\b")
_LIE = {"lay": "lie", "lays": "lies", "laying": "lying"}
_PRESENT_SLOT = MODALS | frozenset("to do don't let's please".split())
_RESTING_PLACES = frozenset("bed sofa couch floor ground beach grass sun bath".split())


def _no_object_follows(parse: Parse, verb: Token) -> bool:
    after = parse.next(verb.i)
    if after is None:
        return False
    if after.lower == "down":
        later = parse.next(after.i)
        return (
            later is None
            or is_punct(later)
            or later.lower in ("and", "for", "on", "in", "to", "with")
        )
    if after.lower in ("in", "on", "around", "about"):
        place = [t.lower for t in parse.tokens[after.i + 1 : after.i + 4]]
        return any(word in _RESTING_PLACES for word in place)
    return False


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "lay" forms used without an object, where "lie" forms belong."""
    for token in parse.tokens:
        if token.lower not in _LIE or not _no_object_follows(parse, token):
            continue
        before = parse.previous(token.i)
        present = token.lower != "lay" or (before is not None and before.lower in _PRESENT_SLOT)
        if present:
            yield replace_token(token, _LIE[token.lower], "grammar.lay_lie")


RULE = ParsedRule(
    RuleInfo(
        id="grammar.lay_lie",
        description="“lay” (put down) used for “lie” (recline).",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("I need to lay down.", "I need to lie down."),
            bad("She was laying in bed all day.", "She was lying in bed all day."),
            bad("The cat lays on the sofa.", "The cat lies on the sofa."),
            bad("You should lay down for a while.", "You should lie down for a while."),
            good("I need to lie down."),
            good("Lay the book on the table."),
            good("Yesterday I lay in bed all day."),
            good("They lay down the rules."),
            good("The hens are laying eggs."),
            good("She was lying in bed."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
