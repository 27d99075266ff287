"""grammar.article.extra: an article English does not put there, the error writers whose
first language has no articles make when they have learnt that English has them: "a" before
an uncountable noun ("a good news", "a homework"), "the" before a noun meant in general
("The life is short", "I love the nature", "a role in the life"), "the" before a language or
a country ("The English is hard", "visit the China"), and "the" before a verb's "-ing" form
that has an object of its own ("by the understanding the concepts").

Only where the parse is sure. "a"/"an" only before nouns that are never counted
(``data/mass_nouns.txt``, less those with a counted sense: "a work of art", "a good time";
Harper's MassNouns already flags "a information", and wins where both do). "the" before a
general noun only for the nouns of :data:`GENERIC` and only when nothing says which one
("the nature of the problem", "the life he led", "the society we live in" are right); a
language only as a subject or as what one learns or speaks ("The English drink tea" is about
people), a country only with no word after it ("the China of the 1960s"). Names from
``data/names_without_the.txt``.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.nouns import mass_nouns
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger
from addin_server.rules.tables import load_words
from addin_server.text.word_frequencies import FREQUENCIES

NAMES = "names_without_the.txt"
# Uncountable nouns that also have a counted sense ("a work of art", "a good time", "an
# education", "a fun day"): "a" before them is no error by itself.
_COUNTED_SENSES = frozenset(
    """work time money music water weather health education employment entertainment fun
    stuff staff mail luck nature behaviour behavior accommodation transport wealth vocabulary
    grammar happiness courage patience violence""".split()
)
# Nouns meant in general without "the": "life", "nature" (and "the life he led", "the nature
# of the problem" when something says which). Not "society" ("The society meets monthly" is
# a club) nor "knowledge" or "happiness" ("She shared the knowledge": the one just named).
GENERIC = frozenset("life nature mankind humanity".split())
_ROLES = frozenset(("nsubj", "nsubjpass", "dobj", "pobj", "attr"))


def _alternatives(words: frozenset[str]) -> str:
    return "|".join(sorted(words, key=lambda word: (-len(word), word)))


# "a" and at most two words before a mass noun; "the" before a general noun or a name; "the"
# before an "-ing" word and a determiner.
TRIGGER = trigger(
    rf"""\ban?\s+(?:\w+\s+){{0,2}}?(?:{_alternatives(mass_nouns() - _COUNTED_SENSES)})\b
    | \bthe\s+(?:{_alternatives(GENERIC | load_words(NAMES))})\b
    | \bthe\s+\w+ing\s+(?:the|an?|this|these)\b"""
)
# What one does with a language: "learn English", "speak Chinese".
_LANGUAGE_VERBS = frozenset(
    """learn study speak teach know understand master practise practice improve use read
    write""".split()
)
# An "-ing" word whose plural is at least this common next to it is (also) a noun: "the
# buildings" 0.22, "the meetings" 0.33; "understandings" 0.02, "makings" 0.002.
_NOUN_PLURAL_SHARE = 0.1


def _deleted(parse: Parse, article: Token, end: Token, why: str) -> Finding:
    """A finding that drops ``article`` from the phrase up to ``end``, keeping its case;
    ``why`` is the message's variant (``mass``, ``general``, ``name``, ``gerund``)."""
    rest = parse.text[parse.tokens[article.i + 1].start : end.end]
    fixed = match_case(article.text, rest[:1]) + rest[1:] if article.i == 0 else rest
    said = message(f"grammar.article.extra.{why}", noun=end.text, fixed=fixed)
    return Finding(article.start, end.end, said, (fixed,))


def _modified(parse: Parse, noun: Token, article: Token) -> bool:
    """Whether anything but the article says which one: an adjective, a phrase after."""
    if any(c.i != article.i for c in parse.children(noun.i)):
        return True
    after = parse.next(noun.i)
    return after is not None and after.lower in ("of", "that", "which", "who", "whom", "'s")


def _a_before_mass(parse: Parse, article: Token, noun: Token) -> bool:
    if article.lower not in ("a", "an") or noun.tag != "NN" or not noun.text.islower():
        return False
    word = noun.lower
    if word not in mass_nouns() or word in _COUNTED_SENSES:
        return False
    between = parse.tokens[article.i + 1 : noun.i]
    if any(t.tag not in ("JJ", "JJR", "RB") for t in between):
        return False
    after = parse.next(noun.i)
    return after is None or after.lower != "of"  # "a good knowledge of French"


def _the_before_general(parse: Parse, article: Token, noun: Token) -> bool:
    if article.lower != "the" or noun.tag != "NN" or noun.lower not in GENERIC:
        return False
    before = parse.previous(article.i)
    if before is not None and before.lower == "of":
        return False  # "all of the knowledge", "a part of the society": a whole in view
    return noun.i == article.i + 1 and noun.dep in _ROLES and not _modified(parse, noun, article)


def _the_before_name(parse: Parse, article: Token, noun: Token) -> bool:
    if article.lower != "the" or noun.tag != "NNP" or noun.i != article.i + 1:
        return False
    if noun.lower not in load_words(NAMES) or _modified(parse, noun, article):
        return False
    head = parse.tokens[noun.head]
    if noun.dep in ("nsubj", "nsubjpass"):
        return head.tag in ("VBZ",) or head.lower in ("is", "was", "has")
    if noun.dep == "dobj":
        return inflection.lemma(head.lower, "VERB") in _LANGUAGE_VERBS or _country(noun)
    return noun.dep == "pobj" and _country(noun)


def _country(noun: Token) -> bool:
    return noun.lower not in _languages()


def _languages() -> frozenset[str]:
    words = load_words(NAMES)
    return frozenset(w for w in words if w.endswith(("ish", "ese", "an", "ic", "ian", "in")))


def _the_before_gerund(parse: Parse, article: Token) -> Token | None:
    """ "by the understanding the concepts": the "-ing" word has an object, so it is a verb."""
    verb = parse.next(article.i)
    beyond = parse.next(verb.i) if verb is not None else None
    if article.lower != "the" or verb is None or beyond is None:
        return None
    if not verb.lower.endswith("ing") or beyond.lower not in ("the", "a", "an", "this", "these"):
        return None
    before = parse.previous(article.i)
    if before is None or before.tag != "IN":
        return None
    base = inflection.lemma(verb.lower, "VERB")
    plural = FREQUENCIES.count(verb.lower + "s")
    if base == verb.lower or plural >= _NOUN_PLURAL_SHARE * FREQUENCIES.count(verb.lower):
        return None  # "the building the city owns": a noun, then a clause
    thing = parse.tokens[beyond.head]
    if thing.head != verb.i or thing.dep not in ("dobj", "appos"):
        return None  # "during the training the staff learned": the next phrase is a subject
    return verb


def check(parse: Parse) -> Iterator[Finding]:
    """Flag articles English does not put before these nouns."""
    for article in parse.tokens:
        if article.tag != "DT" or article.lower not in ("a", "an", "the"):
            continue
        gerund = _the_before_gerund(parse, article)
        if gerund is not None:
            yield _deleted(parse, article, gerund, "gerund")
            continue
        if article.dep != "det":
            continue
        noun = parse.tokens[article.head]
        if _a_before_mass(parse, article, noun):
            yield _deleted(parse, article, noun, "mass")
        elif _the_before_general(parse, article, noun):
            yield _deleted(parse, article, noun, "general")
        elif _the_before_name(parse, article, noun):
            yield _deleted(parse, article, noun, "name")


RULE = ParsedRule(
    RuleInfo(
        id="grammar.article.extra",
        description="An article English does not use here (“a good news”, “the life is short”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("She gave me a good news.", "She gave me good news."),
            bad("I have a homework to do.", "I have homework to do."),
            bad("The life is short.", "Life is short."),
            bad("I love the nature.", "I love nature."),
            bad("It plays an important role in the life.", "It plays an important role in life."),
            bad("The English is hard to learn.", "English is hard to learn."),
            bad("I want to visit the China.", "I want to visit China."),
            bad(
                "We learn by the understanding the concepts.",
                "We learn by understanding the concepts.",
            ),
            good("The nature of the problem is clear."),
            good("The life he led was short."),
            good("He has a good knowledge of French."),
            good("It was a good time."),
            good("The English drink tea."),
            good("The China of the 1960s was poor."),
            good("We met in the building the city owns."),
            good("Life is short."),
            good("The society we live in is changing."),
            good("The society meets every month."),
            good("During the training the staff learned a lot."),
            good("In the beginning the universe was small."),
            good("He has a rich vocabulary."),
            good("She shared the knowledge with her team."),
        ),
    ),
    TRIGGER,
    check,
)
