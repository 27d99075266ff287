"""grammar.homophone.then_than: "then" (next, at that time) and "than" (in comparisons).

"then" right after a comparative ("bigger then", "more then", "rather then") wants "than";
"than" after "and", "since", "until", "by", "just", "back", "even" or at the start of a
sentence ("Than we left") wants "then".
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

TRIGGER = trigger(
    r"""\b(?:more|less|fewer|rather|other|better|worse|\w+er)\s+then\b
    | \b(?:and|since|until|till|by|just|back|even|from)\s+than\b
    | \G\W*than\b"""
)
_COMPARATIVE_WORDS = frozenset("more less fewer rather other better worse".split())
_BEFORE_THEN = frozenset("and since until till by just back even from".split())


def _decide(at: Around) -> Finding | None:
    """Flag "then" in comparisons and "than" as a time word."""
    token, before, after = at.token, at.before, at.after
    if token.lower == "then":
        if (
            before is not None
            and (after is None or after.lower != "than")
            and (before.tag in ("JJR", "RBR") or before.lower in _COMPARATIVE_WORDS)
        ):
            return replace_token(token, "than", "grammar.homophone.then_than.than")
    elif before is None or before.lower in _BEFORE_THEN:
        if before is not None and before.lower in ("and", "even"):
            earlier = at.parse.previous(before.i)
            if earlier is not None and (
                earlier.tag in ("JJR", "RBR") or earlier.lower in _COMPARATIVE_WORDS
            ):
                return None  # "more and than" is odd, but not this error
        return replace_token(token, "then", "grammar.homophone.then_than.then")
    return None


check = each_token(("then", "than"), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.then_than",
        description="“then” and “than” confused.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("She is taller then her brother.", "She is taller than her brother."),
            bad("He earns less then she does.", "He earns less than she does."),
            bad("It costs more then we thought.", "It costs more than we thought."),
            bad("We ate, and than we left.", "We ate, and then we left."),
            bad("Than we went home.", "Then we went home."),
            bad("I have lived here since than.", "I have lived here since then."),
            good("She is taller than her brother."),
            good("We ate, and then we left."),
            good("If it rains, then we stay in."),
            good("Back then, things were different."),
            good("He did more than anyone else, then went home."),
            good("It was better then than now."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
