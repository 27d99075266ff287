"""grammar.homophone.principal_principle: "principle" (a rule, a belief) and "principal"
(main; the head of a school) confused.

Only where the context decides: "in principal" is "in principle"; "principle" used as an
adjective before a noun that means a part or a role ("the principle reason", "our principle
aim") is "principal"; "school principle" is the school's "principal"; and "principals"
after "moral", "basic", "general" or "guiding" are "principles".
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

TRIGGER = trigger(r"\bprincip(?:le|al)s?\b")
_MAIN_WHAT = frozenset(
    """reason reasons cause causes aim aims goal goals source sources problem problems
    character characters purpose concern concerns factor factors objective objectives role
    means investigator component components""".split()
)
_RULES_KIND = frozenset("moral basic general guiding fundamental ethical core".split())


def _decide(at: Around) -> Finding | None:
    """Flag "principle" and "principal" where the words around them decide."""
    token, before, after = at.token, at.before, at.after
    word = token.lower
    if word == "principal" and before is not None and before.lower == "in":
        if after is None or after.tag not in ("NN", "NNS", "JJ"):
            return replace_token(
                token, "principle", "grammar.homophone.principal_principle.in_principle"
            )
    elif word == "principle" and after is not None and after.lower in _MAIN_WHAT:
        return replace_token(token, "principal", "grammar.homophone.principal_principle.main")
    elif word in ("principle", "principles") and before is not None and before.lower == "school":
        fixed = "principal" if word == "principle" else "principals"
        return replace_token(token, fixed, "grammar.homophone.principal_principle.school")
    elif word == "principals" and before is not None and before.lower in _RULES_KIND:
        return replace_token(token, "principles", "grammar.homophone.principal_principle.rules")
    return None


check = each_token(("principal", "principals", "principle", "principles"), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.principal_principle",
        description="“principle” and “principal” confused.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("In principal, I agree.", "In principle, I agree."),
            bad("The principle reason is cost.", "The principal reason is cost."),
            bad("The school principle was angry.", "The school principal was angry."),
            bad("He has strong moral principals.", "He has strong moral principles."),
            good("In principle, I agree."),
            good("The principal reason is cost."),
            good("The principle of free speech matters."),
            good("The principal called my parents."),
            good("She paid back the principal in full."),
            good("It works on the same principle as a pump."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
