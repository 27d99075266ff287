"""grammar.homophone.lead_led: "lead" (present tense, or the metal) written for "led" (the
past tense and participle), as in "has lead to", "was lead by".

Only after a form of "have" or "be" and before a word that starts the verb's complement
("to", "by", an article, a pronoun), where the metal cannot stand ("lead pipes" is fine).
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

TRIGGER = trigger(r"\b(?:has|have|had|having|was|were|been|is|are|be)\s+(?:\w+\s+)?lead\b")
_HAVE = frozenset("has have had having 've 'd".split())
_BE = frozenset("was were been is are be".split())
_COMPLEMENT = frozenset(
    "the a an this that these those my your his her our their us them him me it people".split()
)


def _decide(at: Around) -> Finding | None:
    """Flag "lead" used as a participle."""
    before, after = at.before, at.after
    if before is not None and before.tag == "RB":
        before = at.parse.previous(before.i)
    if before is None or after is None:
        return None
    after_have = before.lower in _HAVE and (after.lower in _COMPLEMENT or after.lower == "to")
    after_be = before.lower in _BE and after.lower in ("by", "to", "astray", "away")
    if after_have or after_be:
        return replace_token(at.token, "led", "grammar.homophone.lead_led")
    return None


check = each_token(("lead",), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.lead_led",
        description="“lead” written for the past form “led”.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("This has lead to many problems.", "This has led to many problems."),
            bad("The team was lead by a captain.", "The team was led by a captain."),
            bad("She had lead the group for years.", "She had led the group for years."),
            bad(
                "These changes have already lead to savings.",
                "These changes have already led to savings.",
            ),
            good("This has led to many problems."),
            good("Old houses have lead pipes."),
            good("She will lead the group."),
            good("The pipes are lead."),
            good("They have a lead over us."),
            good("The lead is heavy."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
