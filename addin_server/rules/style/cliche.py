"""style.cliche: worn-out phrases ("at the end of the day", "low-hanging fruit")."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.kinds import PhraseRule, load_phrases

RULE = PhraseRule(
    RuleInfo(
        id="style.cliche",
        description="Clichés: phrases so familiar that readers skim past them.",
        category=Category.STYLE,
        kind="cliche",
        severity=Severity.SUGGESTION,
        examples=(
            bad("At the end of the day, we won.", "Ultimately, we won."),
            bad("Let's think outside the box."),
            bad("Needless to say, we won.", "We won."),
            bad("That is the low-hanging fruit."),
            good("At the end of the road, turn left."),
            good("The fruit hung low on the tree."),
        ),
    ),
    load_phrases("cliches.tsv"),
)
