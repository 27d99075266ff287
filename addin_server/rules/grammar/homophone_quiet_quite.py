"""grammar.homophone.quiet_quite: "quiet" (not loud) written for "quite" (fairly, very):
"He is quiet tall", "It was quiet a shock", "quiet a few people".

Harper turns "quite" into "quiet" where a noun or the end of a sentence wants the adjective
("the room was very quite"); this is the other way round. By the tags: "quiet" before an
adjective or adverb that nothing more modifies ("quiet tall.", not "a quiet little
village", where both describe the village), or before "a" and "a bit", "a few", "a lot".
"""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.rules.token_checks import Around, each_token

TRIGGER = trigger(r"\bquiet\s+\w+")
_DEGREE_AFTER_A = frozenset("few lot bit while number shock surprise".split())


def _decide(at: Around) -> Finding | None:
    """Flag "quiet" where it modifies an adjective, an adverb or "a few"."""
    before, after = at.before, at.after
    if after is None:
        return None
    beyond = at.parse.next(after.i)
    degree = after.tag in ("JJ", "RB", "JJR", "VBN") and (
        beyond is None or beyond.tag not in ("NN", "NNS", "NNP", "JJ", "CC", ",", "HYPH")
    )
    if before is not None and before.tag in ("DT", "PRP$", "RB", "JJ"):
        degree = False  # "a quiet, calm place", "very quiet"
    counted = after.lower in ("a", "an") and beyond is not None
    if degree or (counted and beyond is not None and beyond.lower in _DEGREE_AFTER_A):
        return replace_token(at.token, "quite", "grammar.homophone.quiet_quite")
    return None


check = each_token(("quiet",), _decide)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.homophone.quiet_quite",
        description="“quiet” written for “quite”.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("He is quiet tall.", "He is quite tall."),
            bad("It was quiet a shock.", "It was quite a shock."),
            bad("There were quiet a few people.", "There were quite a few people."),
            bad("The test was quiet difficult for me.", "The test was quite difficult for me."),
            good("It is a quiet little village."),
            good("Please be quiet."),
            good("The room was quiet and dark."),
            good("She stayed quiet all evening."),
            good("It was very quiet."),
            good("We had a quiet evening."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
