"""style.inclusive_language: terms that can exclude readers, with inclusive alternatives."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.kinds import PhraseRule, load_phrases

RULE = PhraseRule(
    RuleInfo(
        id="style.inclusive_language",
        description="Gendered or ableist terms that have inclusive alternatives.",
        category=Category.STYLE,
        kind="inclusive_language",
        severity=Severity.SUGGESTION,
        examples=(
            bad("Ask the chairman.", "Ask the chair."),
            bad("Add the host to the whitelist.", "Add the host to the allowlist."),
            bad("We need more manpower.", "We need more staff."),
            bad("Firemen came quickly.", "Firefighters came quickly."),
            bad("He is wheelchair-bound."),
            good("Ask the chair."),
            good("The firefighters came quickly."),
            good("Open blacklist.txt to edit it."),
        ),
    ),
    load_phrases("inclusive_terms.tsv"),
)
