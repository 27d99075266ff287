"""grammar.homophone.complement_compliment: "complement" (what completes something) written
for "compliment" (praise), where praise is given, paid or received: "She gave me a nice
complement", "Thank you for the complement".

By the parse: "complement" is the object of "give", "pay", "receive" or "accept", or follows
"thanks for" / "thank you for"; "a perfect complement to the fish" (a verb of being) and
"the verb takes a complement" (grammar) are left alone.
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.nlp import Parse
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

TRIGGER = trigger(r"\bcomplements?\b")
_PRAISE_VERBS = frozenset("give pay receive accept".split())


def _praised(parse: Parse, index: int) -> bool:
    token = parse.tokens[index]
    head = parse.tokens[token.head]
    if token.dep == "dobj" and head.tag.startswith("VB"):
        return inflection.lemma(head.lower, "VERB") in _PRAISE_VERBS
    if token.dep == "pobj" and head.lower == "for":
        words = [t.lower for t in parse.tokens[max(0, head.i - 3) : head.i]]
        return words[-1:] == ["thanks"] or words[-2:] == ["thank", "you"]
    return False


def _decide(at: Around) -> Finding | None:
    """Flag "complement" where praise is meant."""
    if not _praised(at.parse, at.token.i):
        return None
    fixed = "compliment" + at.token.lower[len("complement") :]
    return replace_token(at.token, fixed, "grammar.homophone.complement_compliment")


check = each_token(("complement", "complements"), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.complement_compliment",
        description="“complement” written for “compliment” (praise).",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("She gave me a nice complement.", "She gave me a nice compliment."),
            bad("Thank you for the complement.", "Thank you for the compliment."),
            bad("He paid her many complements.", "He paid her many compliments."),
            good("She gave me a nice compliment."),
            good("The wine is a perfect complement to the fish."),
            good("The two skills complement each other."),
            good("The verb takes a complement."),
        ),
    ),
    TRIGGER,
    check,
)
