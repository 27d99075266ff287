"""What decides a subject's number, and a verb's: shared by the agreement rules."""

from __future__ import annotations

from enum import Enum

from addin_server.rules.english import inflection
from addin_server.rules.english.nlp import Parse, Token
from addin_server.text.word_frequencies import FREQUENCIES


class Number(Enum):
    """Grammatical number and person, as far as a present-tense verb cares."""

    SINGULAR = "singular"  # third person singular: he, the bag, everyone
    PLURAL = "plural"  # they, the bags, you, we
    FIRST = "first"  # I (am, was, have, do)


SINGULAR_PRONOUNS = frozenset(
    """everyone everybody someone somebody anyone anybody nobody everything something
    anything nothing each either neither one he she it this""".split()
)
PLURAL_PRONOUNS = frozenset("we they you these those".split())
IRREGULAR_PLURALS = frozenset("people children men women feet teeth mice geese".split())
# Their verb follows the noun after "of", or either number is right (British "the team are").
UNDECIDED_HEADS = frozenset(
    """lot lots plenty most some all half majority minority rest percent percentage part
    number none any kind sort type variety series couple group total fraction proportion
    bunch range handful remainder third quarter family team government staff police
    committee crew audience class youth personnel clergy company public jury band board
    council army data media
    species means sheep fish deer aircraft offspring who what which that whatever whoever
    other others another such both few many several""".split()
)
_PLURAL_DETERMINERS = frozenset(
    "most many all some few several both these those various numerous".split()
)
# Those that make a countable noun plural ("some student is" may mean "a certain student").
_COUNTING_DETERMINERS = frozenset("most many few several both these those various numerous".split())
_SINGULAR_DETERMINERS = frozenset("every each a an this that one another".split())
_MEASURES = frozenset(
    """dollars euros pounds cents years months weeks days hours minutes seconds miles
    kilometers kilometres meters metres feet inches percent degrees pounds""".split()
)

# A noun whose plural is at least this common, next to its singular, is mostly countable.
COUNTABLE_PLURAL_SHARE = 0.5

# Singular and plural forms of the finite verbs whose number is plain to see.
TO_SINGULAR = {"are": "is", "were": "was", "have": "has", "do": "does", "am": "is"}
TO_PLURAL = {"is": "are", "was": "were", "has": "have", "does": "do", "am": "are"}


def subject_number(parse: Parse, subject: Token) -> Number | None:
    """The number of the subject headed by ``subject``, or ``None`` where unsure."""
    word = subject.lower
    children = parse.children(subject.i)
    if any(child.dep == "conj" for child in children):
        return Number.PLURAL if coordinated_plural(parse, subject) else None
    if any(child.dep in ("cc", "nummod", "preconj") for child in children):
        return None  # "five dollars is", "either ... or"
    if word == "i":
        return Number.FIRST
    if word in SINGULAR_PRONOUNS:
        return Number.SINGULAR
    if word in PLURAL_PRONOUNS or word in IRREGULAR_PLURALS:
        return Number.PLURAL
    if word in UNDECIDED_HEADS or word in _MEASURES:
        return None
    capitalised_first = subject.i == 0 and subject.tag == "NN" and subject.text[1:].islower()
    if not (subject.text[:1].islower() or capitalised_first):
        return None  # a name, unless a common noun starts the sentence
    if _both_numbers(word) or _after_gerund(parse, subject):
        return None
    determiners = {
        c.lower
        for c in parse.children(subject.i)
        if c.dep in ("det", "poss") or (c.dep == "amod" and c.lower in _COUNTING_DETERMINERS)
    }
    if subject.tag == "NN":
        if determiners & _PLURAL_DETERMINERS:
            # "most student is": grammar.noun_number makes the noun plural ("students"),
            # so the verb follows the quantifier; a mass noun ("most work") is left alone.
            lemma = inflection.lemma(word, "NOUN")
            counted = determiners & _COUNTING_DETERMINERS and mostly_countable(lemma)
            return Number.PLURAL if counted and lemma == word else None
        if not determiners and mostly_countable(inflection.lemma(word, "NOUN")):
            return None  # a bare countable singular ("scientist have"): the same
        return Number.SINGULAR  # "the bag", or a bare mass noun: "technology has"
    if subject.tag == "NNS" and not word.endswith("ics"):
        return None if determiners & _SINGULAR_DETERMINERS else Number.PLURAL
    return None


def coordinated_plural(parse: Parse, subject: Token) -> bool:
    """Whether "and" joins two things each plainly its own ("my mother and my father",
    "the car and the bike"), which make a plural subject. A conjunct without a determiner
    of its own may name one thing ("bread and butter", "the president and CEO"), "each"
    and "every" keep the verb singular, and "or", "nor" and names ("Marks and Spencer")
    are left alone."""
    conjuncts = [subject]
    token = subject
    while True:
        nxt = next((c for c in parse.children(token.i) if c.dep == "conj"), None)
        if nxt is None:
            break
        conjuncts.append(nxt)
        token = nxt
    conjunctions = [
        c.lower for t in conjuncts for c in parse.children(t.i) if c.dep in ("cc", "preconj")
    ]
    if not conjunctions or any(c != "and" for c in conjunctions) or len(conjuncts) < 2:
        return False
    for conjunct in conjuncts:
        if conjunct.tag == "PRP" and conjunct.lower in SUBJECT_PERSONAL:
            continue
        if conjunct.tag not in ("NN", "NNS"):
            return False
        determiners = [c.lower for c in parse.children(conjunct.i) if c.dep in ("det", "poss")]
        if not determiners or set(determiners) & _DISTRIBUTIVE:
            return False
    return True


SUBJECT_PERSONAL = frozenset("i you he she it we they".split())
_DISTRIBUTIVE = frozenset("each every no".split())


def mostly_countable(lemma: str) -> bool:
    """Whether English uses ``lemma`` mostly as a countable noun: its plural is at least
    half as common as its singular (problem 0.86, scientist 1.97; technology 0.15)."""
    plural = inflection.inflection(lemma, "NNS")
    singular_count = FREQUENCIES.count(lemma)
    if plural is None or not singular_count:
        return True  # unknown: treat as countable, and so say nothing
    return FREQUENCIES.count(plural) >= COUNTABLE_PLURAL_SHARE * singular_count


def _after_gerund(parse: Parse, subject: Token) -> bool:
    """ "learning facts is": the real subject is the gerund phrase."""
    before = parse.previous(subject.i)
    if before is not None and before.tag in ("WDT", "WP"):
        return True  # "All that glitters is": the "noun" is a verb the tagger misread
    return before is not None and (before.tag == "VBG" or before.lower.endswith("ing"))


def _both_numbers(word: str) -> bool:
    """Nouns whose singular and plural look alike, or that the tables do not know."""
    if not inflection.is_known(word, "NOUN"):
        return True
    base = inflection.lemma(word, "NOUN")
    return base == inflection.inflection(base, "NNS")


def disagrees(verb: Token, number: Number) -> bool:
    """Whether the finite ``verb`` is the wrong form for a subject of ``number``."""
    word = verb.lower
    if word in ("am", "'m"):
        return number is not Number.FIRST
    if number is Number.SINGULAR:
        return word == "were" or (verb.tag == "VBP" and word not in ("'re", "'ve"))
    if number is Number.PLURAL:
        return word == "was" or verb.tag == "VBZ"
    return verb.tag == "VBZ" or word == "are"  # "I were" may be a subjunctive


def agreeing_form(verb: Token, number: Number) -> str | None:
    """The form of ``verb`` that agrees with a subject of ``number``."""
    word = verb.lower
    if number is Number.FIRST and word in ("is", "are"):
        return "am"
    if number is Number.SINGULAR:
        if word in TO_SINGULAR:
            return TO_SINGULAR[word]
        if verb.tag == "VBP":
            return inflection.inflection(inflection.lemma(word), "VBZ")
        return None
    if word in TO_PLURAL:
        return TO_PLURAL[word]
    if verb.tag == "VBZ":
        return inflection.lemma(word)
    return None
