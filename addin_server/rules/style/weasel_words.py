"""style.weasel_words: empty intensifiers ("very", "basically") and vague sources."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.kinds import PhraseRule, load_phrases

RULE = PhraseRule(
    RuleInfo(
        id="style.weasel_words",
        description="Intensifiers that add nothing and claims that name no source.",
        category=Category.CLARITY,
        kind="weasel_words",
        severity=Severity.SUGGESTION,
        examples=(
            bad("Basically, we won.", "We won."),
            bad("It was a very important step.", "It was an important step."),
            bad("We won, basically.", "We won."),
            bad("We, basically, won.", "We won."),
            bad("It is really good.", "It is good."),
            bad("Studies show that tea helps."),
            good("Thank you very much."),
            good("It is not really good."),
            good("The very first step matters."),
            good("Quite a few people came."),
        ),
    ),
    load_phrases("weasel_words.tsv"),
)
