"""grammar.homophone.your_youre: "your" (belonging to you) and "you're" (you are) confused.

"your" followed by an article, "not", a verb in -ing or a participle, or an adjective that
ends the phrase ("your welcome", "your right.") wants "you're"; "you're" before "own" or a
noun right after a preposition ("of you're car") wants "your".
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.words import is_noun, is_punct
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

TRIGGER = trigger(r"\byour\b|\byou['’]re\b")
_AFTER_YOU_ARE = frozenset("a an the not so very too just really welcome always never".split())


def _decide(at: Around) -> Finding | None:
    """Flag "your"/"you're" where the other one fits the words around it."""
    parse, token, before, after = at.parse, at.token, at.before, at.after
    if after is None:
        return None
    if token.lower == "your":
        later = parse.next(after.i)
        lone_adjective = (after.tag == "JJ" or after.lower in ("right", "wrong", "sure")) and (
            after.lower != "own"
            and (later is None or is_punct(later) or later.lower in ("to", "that", "for", "about"))
        )
        if after.lower in _AFTER_YOU_ARE or after.tag in ("VBG", "VBN") or lone_adjective:
            if after.tag in ("VBG", "VBN") and later is not None and is_noun(later):
                return None  # "your running shoes", "your chosen career"
            return replace_token(
                token, "you're", "grammar.homophone.your_youre.contraction", found=token.text
            )
    elif after.lower in ("'re", "’re"):
        following = parse.next(after.i)
        if after.start != token.end or following is None:
            return None
        if following.lower == "own" or (
            before is not None and before.tag == "IN" and is_noun(following)
        ):
            return replace_token(
                token, "your", "grammar.homophone.your_youre.possessive", end=after.end
            )
    return None


check = each_token(("your", "you"), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.your_youre",
        description="“your” and “you're” confused.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("Your welcome.", "You're welcome."),
            bad("I think your right.", "I think you're right."),
            bad("Your going to love it.", "You're going to love it."),
            bad("Let me know if your not coming.", "Let me know if you're not coming."),
            bad("Make up you're own mind.", "Make up your own mind."),
            bad("I took a photo of you're car.", "I took a photo of your car."),
            good("Your car is ready."),
            good("You're welcome."),
            good("Bring your running shoes."),
            good("If your chosen career is law, study hard."),
            good("Your right hand is cold."),
            good("Is this your own idea?"),
            good("Your new job sounds great."),
            good("You're a good friend."),
            good("Thank you for your help."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
