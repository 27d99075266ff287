"""grammar.homophone.loose_lose: "lose" (mislay, fail to win) and "loose" (not tight).

"loose" where a verb must stand (after "to", a modal, "not", "don't" or a subject pronoun,
before an object: "you will loose your keys") wants "lose", and "loosing" before an object
wants "losing"; "lose" after a linking verb or a degree word and before no noun ("the knot
is lose", "break lose") wants "loose".
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.words import BE_FORMS, MODALS, SUBJECT_PRONOUNS, is_punct
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

TRIGGER = trigger(r"\bloos(?:e|ing)\b|\blose\b")
_VERB_SLOT = MODALS | SUBJECT_PRONOUNS | frozenset("to not n't don't didn't never".split())
_OBJECT_START = frozenset(
    """the a an this that these those my your his her our their its it them him me us all
    any weight money time track interest control sight hope touch face everything
    something""".split()
)
_ADJECTIVE_SLOT = BE_FORMS | frozenset("too very so break broke came come cut let".split())


def _decide(at: Around) -> Finding | None:
    """Flag "loose"/"loosing" used as verbs and "lose" used as an adjective."""
    token, before, after = at.token, at.before, at.after
    if before is None:
        return None
    if token.lower in ("loose", "loosing"):
        verb_slot = token.lower == "loosing" or before.lower in _VERB_SLOT
        if after is not None and verb_slot and after.lower in _OBJECT_START:
            fixed = "lose" if token.lower == "loose" else "losing"
            return replace_token(token, fixed, "grammar.homophone.loose_lose.verb")
    elif before.lower in _ADJECTIVE_SLOT and (
        after is None or is_punct(after) or after.lower in ("and", "from", "in", "on", "at")
    ):
        return replace_token(token, "loose", "grammar.homophone.loose_lose.adjective")
    return None


check = each_token(("loose", "loosing", "lose"), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.loose_lose",
        description="“lose” and “loose” confused.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("You will loose your keys.", "You will lose your keys."),
            bad("I don't want to loose weight.", "I don't want to lose weight."),
            bad("We are loosing the game.", "We are losing the game."),
            bad("The knot is lose.", "The knot is loose."),
            bad("The dog broke lose from its lead.", "The dog broke loose from its lead."),
            good("You will lose your keys."),
            good("The knot is loose."),
            good("Wear loose clothes."),
            good("The screws came loose."),
            good("Do not lose hope."),
            good("They let loose the dogs."),
            good("If we lose, we go home."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
