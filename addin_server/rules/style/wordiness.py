"""style.wordiness: long-winded phrases that have a shorter, plainer form."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.kinds import PhraseRule, load_pairs

RULE = PhraseRule(
    RuleInfo(
        id="style.wordiness",
        description="Long-winded phrases that have a shorter, plainer form.",
        category=Category.CLARITY,
        kind="wordiness",
        severity=Severity.SUGGESTION,
        examples=(
            bad("We met in order to plan.", "We met to plan."),
            bad("In order to win, train.", "To win, train."),
            bad("It failed due to the fact that it rained.", "It failed because it rained."),
            good("We met to plan the order of events."),
            good("The border guards ordered us to wait."),
        ),
    ),
    load_pairs("wordy_phrases.tsv"),
)
