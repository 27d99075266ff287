"""grammar.homophone.accept_except: "accept" (take, agree to) and "except" (but, leave out).

"except" where a verb must stand (after "to", a modal, "not" or a subject pronoun, before an
object: "I except your offer") wants "accept"; "accept for" after a noun, pronoun or comma
("everyone came accept for Tom") wants "except for".
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.words import MODALS, SUBJECT_PRONOUNS
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

TRIGGER = trigger(r"\bexcept(?:s|ed|ing)?\b|\baccept\s+for\b")
_VERB_SLOT = MODALS | SUBJECT_PRONOUNS | frozenset("to not n't please".split())
_OBJECT_START = frozenset(
    "the a an this that these those my your his her our their it them him me us all any".split()
)


def _decide(at: Around) -> Finding | None:
    """Flag "except" used as a verb and "accept for" used as "except for"."""
    token, before, after = at.token, at.before, at.after
    if before is None or after is None:
        return None
    if (
        token.lower == "except"
        and before.lower in _VERB_SLOT
        and after.lower in _OBJECT_START
        and " from " not in at.parse.text[token.end :].lower()  # "to except X from Y" is right
    ):
        return replace_token(token, "accept", "grammar.homophone.accept_except.accept")
    if (
        token.lower == "accept"
        and after.lower == "for"
        and (before.tag in ("NN", "NNS", "NNP", "PRP", "JJ") or before.lower == ",")
        and before.lower not in SUBJECT_PRONOUNS
    ):
        return replace_token(token, "except", "grammar.homophone.accept_except.except")
    return None


check = each_token(("except", "accept"), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.accept_except",
        description="“accept” and “except” confused.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("I except your offer.", "I accept your offer."),
            bad("We cannot except this result.", "We cannot accept this result."),
            bad("Please except my apology.", "Please accept my apology."),
            bad("Everyone came, accept for Tom.", "Everyone came, except for Tom."),
            bad(
                "The house was quiet accept for the clock.",
                "The house was quiet except for the clock.",
            ),
            good("I accept your offer."),
            good("Everyone came except Tom."),
            good("They accept for review only short papers."),
            good("We had to except two names from the list."),
            good("All of them agreed except me."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
