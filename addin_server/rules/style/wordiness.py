"""style.wordiness: long-winded phrases that have a shorter, plainer form."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.kinds import PhraseRule, load_phrases

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
            bad("It is important to note that we won.", "We won."),
            bad("We are in the process of moving.", "We are moving."),
            bad("The majority of voters agreed.", "Most voters agreed."),
            bad("The majority of the voters agreed.", "Most of the voters agreed."),
            bad("Call us prior to the meeting, please.", "Call us before the meeting, please."),
            good("We met to plan the order of events."),
            good("The border guards ordered us to wait."),
            good("See https://example.com/in-order-to for details."),
            good("Call `in_order_to()` once."),
        ),
    ),
    load_phrases("wordy_phrases.tsv"),
)
