"""grammar.a_an: "a" or "an" chosen by the first letter where the first sound decides.

Harper picks the article by spelling; these are the words whose spelling misleads: a vowel
letter that sounds like a consonant ("a university", "a one-time fee", "a European") and a
silent "h" ("an hour", "an honest"), plus initialisms read letter by letter ("an MBA", "a
UFO"). Word lists, not a parser: the sound of a word does not depend on the sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.grammar.framework import Finding, TextRule
from addin_server.rules.grammar.inflect import same_case

# Starts that sound like a consonant ("you", "w") though spelled with a vowel.
_CONSONANT_SOUND = regex.compile(
    r"""^(?:uni(?!n|m|d)|use|usu|uter|utens|utili|utopi|ura|ure(?!t)|uri(?!n)|uro|eu|ewe
    |one(?!r|s\b)|once|ouija|u\b|ubiq|ukr|ufo)""",
    regex.IGNORECASE | regex.VERBOSE,
)
# Starts that sound like a vowel though spelled with a consonant: silent "h".
_VOWEL_SOUND = regex.compile(r"^(?:hour|honest|honou?r|heir|herb(?!al|ert))", regex.IGNORECASE)
# Initialisms said letter by letter: F, H, L, M, N, R, S, X start with a vowel sound.
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
_WORD_ACRONYMS = frozenset(
    "NASA NATO FIFA NAFTA LASER SCUBA RADAR SARS MERS HIPAA FOMO LOL OPEC UNESCO UNICEF "
    "NIMBY SWAT ROM RAM SIM MOOC".split()
)
_ARTICLE_AND_WORD = regex.compile(r"\b(an?)\s+([\p{L}][\p{L}\-'’]*)", regex.IGNORECASE)


def _wants_an(word: str) -> bool | None:
    """Whether ``word`` takes "an" (``None``: leave it to spelling, i.e. to Harper)."""
    bare = word.split("-")[0]
    if bare.isupper() and 1 < len(bare) <= 5 and bare.isalpha():
        if bare in _WORD_ACRONYMS:
            return None
        return bare[0] in _VOWEL_LETTERS
    if _CONSONANT_SOUND.match(word):
        return False
    if _VOWEL_SOUND.match(word):
        return True
    return None


def check(sentence: str) -> Iterator[Finding]:
    """Flag articles that do not match the sound of the next word."""
    for match in _ARTICLE_AND_WORD.finditer(sentence):
        article, word = match.group(1), match.group(2)
        wants_an = _wants_an(word)
        if wants_an is None or (article.lower() == "an") == wants_an:
            continue
        fixed = same_case(article, "an" if wants_an else "a")
        message = (
            f"“{word}” starts with a {'vowel' if wants_an else 'consonant'} sound: use “{fixed}”."
        )
        yield Finding(match.start(1), match.end(1), message, (fixed,))


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
