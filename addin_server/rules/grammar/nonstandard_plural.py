"""grammar.nonstandard_plural: an uncountable noun or an irregular plural given an "-s"
plural that English does not use ("datas", "advices", "childrens"); the table is
``rules/data/nonstandard_plurals.tsv``."""

from __future__ import annotations

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.kinds import PhraseRule, load_phrases

RULE = PhraseRule(
    RuleInfo(
        id="grammar.nonstandard_plural",
        description="A plural English does not use (“informations”, “childrens”).",
        category=Category.CORRECTNESS,
        kind="agreement",
        severity=Severity.WARNING,
        examples=(
            bad("The datas show a clear trend.", "The data show a clear trend."),
            bad("Thank you for the informations.", "Thank you for the information."),
            bad("He gave us useful advices.", "He gave us useful advice."),
            bad("Their childrens play outside.", "Their children play outside."),
            bad("Many peoples think so.", "Many people think so."),
            bad(
                "We bought new furnitures for the office.",
                "We bought new furniture for the office.",
            ),
            good("The data show a clear trend."),
            good("The peoples of Europe share a history."),
            good("The indigenous peoples were consulted."),
            good("The court looked for mens rea."),
            good("She sells womens' clothing."),
        ),
    ),
    load_phrases("nonstandard_plurals.tsv"),
)
