"""grammar.homophone.its_its: "its" (belonging to it) and "it's" (it is, it has) confused.

"its" where a verb phrase or a lone adjective follows ("its a shame", "its been", "its
important to") wants "it's"; "it's" before "own", or right after a preposition or "and"
and before a noun ("for it's size"), wants "its".
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.words import is_noun, is_punct
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

TRIGGER = trigger(r"\bits\b|\bit['’]s\b")
_AFTER_ITS_IS = frozenset(
    "a an the not been going so very too just really also always never".split()
)


def _decide(at: Around) -> Finding | None:
    """Flag "its"/"it's" where the other one fits the words around it."""
    parse, token, before, after = at.parse, at.token, at.before, at.after
    if after is None:
        return None
    if token.lower == "its":
        later = parse.next(after.i)
        lone_adjective = (
            after.tag == "JJ"
            and after.lower != "own"
            and (later is None or is_punct(later) or later.lower in ("to", "that", "for"))
        )
        if after.lower in _AFTER_ITS_IS or after.tag in ("VBG", "VBN") or lone_adjective:
            return replace_token(
                token, "it's", "grammar.homophone.its_its.contraction", found=token.text
            )
    elif after.lower in ("'s", "’s") and after.start == token.end:
        following = parse.next(after.i)
        after_joiner = before is not None and (before.tag == "IN" or before.lower == "and")
        if following is not None and (
            following.lower == "own" or (after_joiner and is_noun(following))
        ):
            return replace_token(
                token, "its", "grammar.homophone.its_its.possessive", end=after.end
            )
    return None


check = each_token(("its", "it"), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.its_its",
        description="“its” and “it's” confused.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("Its a shame that you missed it.", "It's a shame that you missed it."),
            bad("I think its been a long day.", "I think it's been a long day."),
            bad("Its important to rest.", "It's important to rest."),
            bad("The company cut it's own budget.", "The company cut its own budget."),
            bad("The tree shed all of it's leaves.", "The tree shed all of its leaves."),
            bad("We liked the car for it's size.", "We liked the car for its size."),
            good("The dog wagged its tail."),
            good("It's a shame that you missed it."),
            good("The company has its own rules."),
            good("Its main reason is cost."),
            good("It's time to go."),
            good("It's people like you who help."),
            good("I think it's time to go."),
            good("The tree lost its leaves early."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
