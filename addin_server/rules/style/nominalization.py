"""style.nominalization: a noun doing a verb's work ("make a decision" -> "decide")."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.light_verbs import LightVerbRule

RULE = LightVerbRule(
    RuleInfo(
        id="style.nominalization",
        description="Nouns made from verbs, carried by a weak verb; the verb itself is clearer.",
        category=Category.CLARITY,
        kind="nominalization",
        severity=Severity.SUGGESTION,
        examples=(
            bad("We will make a decision today.", "We will decide today."),
            bad("She made a decision.", "She decided."),
            bad("He makes a decision daily.", "He decides daily."),
            bad("They have made a choice.", "They have chosen."),
            bad("They made a choice.", "They chose."),
            bad("Make a decision now.", "Decide now."),
            bad("We came to a conclusion.", "We concluded."),
            bad("The data is indicative of a trend.", "The data indicates a trend."),
            bad("We are in agreement with you.", "We agree with you."),
            good("We decided today."),
            good("The decision was made by the board."),
        ),
    ),
    "nominalizations.tsv",
)
