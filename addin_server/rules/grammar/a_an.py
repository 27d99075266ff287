"""grammar.a_an: "a" or "an" chosen by the first letter where the first sound decides.

Harper picks the article by spelling; this rule takes the words whose spelling misleads: a
vowel letter that sounds like a consonant ("a university", "a one-time fee", "a European"), a
silent "h" ("an hour", "an honest") and initialisms read letter by letter ("an MBA", "a UFO").
The sounds are in :mod:`addin_server.rules.english.articles`, which the edits share.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.articles import article_for, spelling_misleads
from addin_server.rules.english.casing import match_case
from addin_server.rules.sentence_rules import Finding, TextRule

_ARTICLE_AND_WORD = regex.compile(r"\b(an?)\s+([\p{L}][\p{L}\-'’]*)", regex.IGNORECASE)


def check(sentence: str) -> Iterator[Finding]:
    """Flag articles that do not match the sound of the next word."""
    for match in _ARTICLE_AND_WORD.finditer(sentence):
        article, word = match.group(1), match.group(2)
        # Where the first letter settles it, Harper already checks the article.
        wanted = article_for(word, in_capitals=len(article) > 1 and article.isupper())
        if wanted is None or wanted == article.lower() or not spelling_misleads(word):
            continue
        fixed = match_case(article, wanted)
        sound = "vowel" if wanted == "an" else "consonant"
        said = message(f"grammar.a_an.{sound}", word=word, fixed=fixed)
        yield Finding(match.start(1), match.end(1), said, (fixed,))


RULE = TextRule(
    RuleInfo(
        id="grammar.a_an",
        description="“a” or “an” that does not match the sound of the next word.",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("She studies at an university.", "She studies at a university."),
            bad("We waited a hour.", "We waited an hour."),
            bad("It is an one-time offer.", "It is a one-time offer."),
            bad("He is a honest man.", "He is an honest man."),
            bad("An European law applies.", "A European law applies."),
            bad("She has a MBA.", "She has an MBA."),
            bad("I saw an UFO.", "I saw a UFO."),
            bad("It was an useful tool.", "It was a useful tool."),
            good("She studies at a university."),
            good("We waited an hour."),
            good("It is an unusual case."),
            good("He is an uncle."),
            good("A NASA engineer spoke."),
            good("They made an undeniable point."),
            good("It was an honor."),
            good("A herbal tea."),
            good("An FBI agent came."),
            good("She wore a uniform."),
            good("It was an uninformed guess."),
            good("A unilateral decision."),
            good("An onerous task."),
            good("A hotel room."),
            good("An umbrella is useful."),
        ),
    ),
    check,
)
