"""Which nouns count: what the rules about articles and noun number ask of a noun.

A noun counts when lemminflect knows it with a plural of its own and English mostly uses it
so: its plural is at least a quarter as common as its singular in the word counts (car
0.41, job 1.02, idea 1.03; food 0.12, life 0.14, experience 0.18, time 0.22), and it is not
one of the mass nouns of ``data/mass_nouns.txt``. A quarter is the precision side of the
line: "house" (0.13) and "city" (0.15) count but fall below it, so a rule that asks misses
them rather than flagging "life" or "food". A few nouns name the one thing there is ("the
earth", "the internet"): they take "the" and nothing else.
"""

from __future__ import annotations

from functools import lru_cache

from addin_server.rules.english import inflection
from addin_server.rules.tables import load_words
from addin_server.text.word_frequencies import FREQUENCIES

MASS_NOUNS = "mass_nouns.txt"
# Below this share of its singular, a noun's plural says English mostly uses it as a mass.
COUNTABLE_PLURAL_SHARE = 0.25
# Rarer than this (per the word counts), a noun is too little known to judge.
MIN_COUNT = 1_000_000
# The one of its kind: "the" is its only article ("heat the earth", "on the internet").
UNIQUE = frozenset("earth internet sun moon universe".split())


# "a"/"an" before the noun, per use of the noun, at least this often (the bigram and word
# tables are counted on different scales, so this is a threshold on their ratio, not a share):
# person 8.9, question 11.9, car 2.1, step 2.9; detail 0.31, price 0.49, video 0.62, practice
# 0.80, responsibility 0.95, language 1.0, disease 1.4. A noun below it is used bare as often
# as not ("in detail", "practice makes perfect").
MIN_INDEFINITE_RATIO = 1.5


def mass_nouns() -> frozenset[str]:
    """The nouns English uses as uncountable (``data/mass_nouns.txt``)."""
    return load_words(MASS_NOUNS)


@lru_cache(maxsize=8192)
def countable_singular(word: str) -> bool:
    """Whether ``word`` (lower case) is the singular of a noun English mostly counts."""
    if word in mass_nouns() or word in UNIQUE or not inflection.is_known(word, "NOUN"):
        return False
    if inflection.lemma(word, "NOUN") != word:
        return False
    plural = inflection.inflection(word, "NNS")
    count = FREQUENCIES.count(word)
    if not plural or plural == word or count < MIN_COUNT:
        return False
    return FREQUENCIES.count(plural) >= COUNTABLE_PLURAL_SHARE * count


@lru_cache(maxsize=8192)
def needs_an_article(word: str) -> bool:
    """Whether a singular ``word`` is a noun English counts and, singular, nearly always
    gives an article: countable, and written after "a" or "an" often enough."""
    if not countable_singular(word):
        return False
    indefinite = FREQUENCIES.pair("a", word) + FREQUENCIES.pair("an", word)
    return indefinite >= MIN_INDEFINITE_RATIO * FREQUENCIES.count(word)
