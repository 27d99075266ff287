""" "a" or "an": chosen by the first sound of the next word, which its spelling can hide.

A vowel letter can sound like a consonant ("a university", "a one-time fee", "a European")
and an "h" can be silent ("an hour", "an honest"); initialisms are read letter by letter
("an MBA", "a UFO"). Word lists, not a parser: the sound of a word does not depend on the
sentence.
"""

from __future__ import annotations

from typing import Literal

import regex

Article = Literal["a", "an"]

# Starts that sound like a consonant ("you", "w") though spelled with a vowel. "uni" is "you"
# in "university" and "unidirectional", but "un-" in "uninformed", "unimportant",
# "unimaginable" and "unidentified".
_CONSONANT_SOUND = regex.compile(
    r"""^(?:uni(?!n|mp|mag|dent)|use|usu|uter|utens|uti|utopi|ura|ure|uri|uro|eu|ewe
    |one(?!r|s\b)|once|ouija|u\b|ubiq|ukr|ufo)""",
    regex.IGNORECASE | regex.VERBOSE,
)
# Starts that sound like a vowel though spelled with a consonant: a silent "h".
_VOWEL_SOUND = regex.compile(r"^(?:hour|honest|honou?r|heir|herb(?!al|ert))", regex.IGNORECASE)
# Initialisms said letter by letter: F, H, L, M, N, R, S, X start with a vowel sound.
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
# Capitals read as a word, whose sound the spelling does not settle ("a NASA", "a UNESCO").
_WORD_ACRONYMS = frozenset(
    "NASA NATO FIFA NAFTA LASER SCUBA RADAR SARS MERS HIPAA FOMO LOL OPEC UNESCO UNICEF "
    "NIMBY SWAT ROM RAM SIM MOOC".split()
)


def article_for(word: str, *, in_capitals: bool = False) -> Article | None:
    """``"a"`` or ``"an"`` for ``word`` by its first sound; ``None`` when unsure (numbers,
    capitals read as a word).

    ``in_capitals``: the text around is written in capitals, so a word in capitals is
    shouted, not an initialism, and its sound is left undecided.
    """
    if not word[:1].isalpha():
        return None
    if _in_capitals(word):
        return None if in_capitals else _initialism_article(word.split("-")[0])
    return _sound_exception(word) or ("an" if word[0].lower() in "aeiou" else "a")


def spelling_misleads(word: str) -> bool:
    """Whether the first letter does not settle the article: an initialism, or a word whose
    first sound its spelling hides ("an hour", "a university")."""
    return _in_capitals(word) or _sound_exception(word) is not None


def _in_capitals(word: str) -> bool:
    bare = word.split("-")[0]
    return len(bare) > 1 and bare.isupper()


def _initialism_article(bare: str) -> Article | None:
    if bare in _WORD_ACRONYMS or len(bare) > 5 or not bare.isalpha():
        return None
    return "an" if bare[0] in _VOWEL_LETTERS else "a"


def _sound_exception(word: str) -> Article | None:
    if _CONSONANT_SOUND.match(word):
        return "a"
    if _VOWEL_SOUND.match(word):
        return "an"
    return None
