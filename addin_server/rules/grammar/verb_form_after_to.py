"""grammar.verb_form.after_to: a past or "-s" form after infinitive "to" ("to went", "to
goes"), which takes the base form. "to" as a preposition ("looking forward to seeing") and
forms that are also nouns ("to works of art") are left alone: the tagger's verb tag on the
next word, and lemminflect's tables, settle it without a parse.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse
from addin_server.rules.english.verbs import wrong_form_base
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger

TRIGGER = trigger(
    r"""\bto\s+(?:not\s+)?
    (?:\w+(?:ed|[^\Wsiu]s)|went|came|saw|took|gave|did|made|got|had|knew|wrote|bought
     |began|ate|drove|spoke|chose|thought|told|found|left|lost|kept|felt|brought|became
     |ran|won|sent|spent|built|paid|sold|taught|caught|fought|held|met|stood|understood)\b"""
)


def check(parse: Parse) -> Iterator[Finding]:
    """Flag non-base verb forms after infinitive "to"."""
    for token in parse.tokens:
        if token.lower != "to" or token.tag != "TO":
            continue
        verb = parse.next(token.i)
        if verb is None:
            continue
        base = wrong_form_base(parse, verb)
        if base:
            yield replace_token(verb, base, "grammar.verb_form.after_to")


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.after_to",
        description="A past or “-s” verb form after infinitive “to”.",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("I wanted to went home.", "I wanted to go home."),
            bad("She needs to goes now.", "She needs to go now."),
            bad("They tried to finished early.", "They tried to finish early."),
            bad("He forgot to called me.", "He forgot to call me."),
            good("I wanted to go home."),
            good("I look forward to seeing you."),
            good("She is used to working late."),
            good("He went to great lengths."),
            good("We gave the prize to works of real merit."),
            good("Prior to painted walls, there were murals."),
            good("She came to tired customers with coffee."),
            good("It is an alternative to prescribed burning."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
