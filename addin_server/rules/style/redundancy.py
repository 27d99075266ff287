"""style.redundancy: pairs of words that say the same thing twice ("end result")."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.kinds import PhraseRule, load_phrases

RULE = PhraseRule(
    RuleInfo(
        id="style.redundancy",
        description="Redundant pairs such as “end result” or “past history”, where one word does.",
        category=Category.CLARITY,
        kind="redundancy",
        severity=Severity.SUGGESTION,
        examples=(
            bad("The end result was good.", "The result was good."),
            bad("Her past history is long.", "Her history is long."),
            bad("It was an end result we liked.", "It was a result we liked."),
            bad("We reverted back to the old plan.", "We reverted to the old plan."),
            bad("Each and every guest came.", "Each guest came."),
            good("The result was good."),
            good("At the end, results improved."),
            good("The reason why not is clear."),
        ),
    ),
    load_phrases("redundancies.tsv"),
)
