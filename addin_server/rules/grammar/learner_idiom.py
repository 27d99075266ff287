"""grammar.learner_idiom: phrases built word by word from another language, such as a
preposition before "nowadays" ("in nowadays") or "according to my opinion"; the table is
``rules/data/learner_idioms.tsv``."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.kinds import PhraseRule, load_phrases

RULE = PhraseRule(
    RuleInfo(
        id="grammar.learner_idiom",
        description="A phrase English does not use, such as “in nowadays”.",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("In nowadays, most families own a car.", "Nowadays, most families own a car."),
            bad("Prices are high in nowadays.", "Prices are high nowadays."),
            bad("The youth of nowadays read less.", "The youth of today read less."),
            bad("It has worked until nowadays.", "It has worked until now."),
            good("Nowadays, most families own a car."),
            good("Prices are high nowadays."),
            good("It is common in these days of cheap travel."),
            bad("According to my opinion, it is bad.", "In my opinion, it is bad."),
            bad("In my point of view, it works.", "From my point of view, it works."),
            bad("We read besides of our work.", "We read besides our work."),
            good("In my opinion, it is bad."),
        ),
    ),
    load_phrases("learner_idioms.tsv"),
)
