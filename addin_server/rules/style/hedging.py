"""style.hedging: words that soften a claim ("I think", "perhaps", "sort of")."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.kinds import PhraseRule, load_phrases

RULE = PhraseRule(
    RuleInfo(
        id="style.hedging",
        description="Hedges that weaken a claim; if you are sure, say it plainly.",
        category=Category.STYLE,
        kind="hedging",
        severity=Severity.SUGGESTION,
        examples=(
            bad("I think we should go.", "We should go."),
            bad("The plan is sort of risky.", "The plan is risky."),
            bad("We could, perhaps, wait.", "We could wait."),
            bad("It seems that the test failed.", "The test failed."),
            bad("“Maybe we should stop,” she said.", "“We should stop,” she said."),
            good("What kind of fruit is this?"),
            good("I would rather walk."),
            good("It is a sort of puzzle."),
            good("I think so."),
        ),
    ),
    load_phrases("hedges.tsv"),
)
