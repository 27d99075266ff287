"""grammar.article.missing: a singular countable noun with no article, no determiner, no
possessive and no number before it ("She is teacher", "I went to store", "It is important
step"), the error writers whose first language has no articles (Chinese, Japanese, Russian)
make most. The fix is offered, not guessed: "a"/"an" and "the" both, the likelier first.

Only where the parse is sure: a common noun (tagged NN, not a name) that English mostly
counts (:mod:`rules.english.nouns`), the object, complement, subject or prepositional object
of its clause, with nothing before it in its phrase but adjectives; not a noun before another
noun or a number ("page 5", "school bus"), not in a phrase English says bare ("at school",
"by car", "in bed", "take place": ``data/bare_singular_nouns.tsv``), not a post one person
holds after "be" or "as" ("She was elected president"), and only in a sentence with a verb
that ends as a sentence does (a heading, a title or a list item drops its articles). After
"of" it is left alone ("a kind of person", "a lack of confidence").

Which article first: "the" for the one thing there is ("the internet"), after a superlative
or "same", "only", "whole", before "of" or a clause that says which ("the door of the
store", "the book that I read"), for a subject and after a preposition; "a"/"an" for an
object or a complement ("She is a teacher", "I need a car").
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

import regex

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.articles import article_for
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.nouns import UNIQUE, countable_singular, needs_an_article
from addin_server.rules.sentence_rules import Finding, ParsedRule
from addin_server.rules.tables import DATA, normalise, rows
from addin_server.text.word_frequencies import FREQUENCIES

BARE_NOUNS = "bare_singular_nouns.tsv"
_ROLES = frozenset(("dobj", "attr", "pobj", "nsubj", "nsubjpass"))
# A subject's verb: singular or past ("Professor opposes"; with "oppose" or "will" the
# writer may have meant "professors", and the fix would be wrong).
_SUBJECT_VERB_TAGS = frozenset(("VBZ", "VBD"))
# After a preposition, only the place a verb of motion goes to: "went to store" (elsewhere a
# bare noun after a preposition is as often an abstract use: "in flight", "on shore").
_MOTION = frozenset("go come walk drive run return move travel fly ride head hurry rush".split())
# Adverbs that may stand before the adjective: "a very important step" (not "so", "too").
_DEGREE = frozenset("very really extremely highly truly fairly rather quite pretty".split())
# First words that are quantities, not adjectives: "most student", "many company" want a
# plural, not an article (grammar.noun_number).
_QUANTITIES = frozenset(
    "most many much several few little enough more less all both various numerous".split()
)
# Children that settle the noun's determiner (or make it part of a bigger name).
_DETERMINED = frozenset(("det", "poss", "nummod", "predet", "quantmod", "compound", "nmod"))
_DETERMINER_TAGS = frozenset(("DT", "PDT", "PRP$", "WP$", "CD", "POS", "WDT"))
_MODIFIER_TAGS = frozenset(("JJ", "JJR", "JJS", "RB", "RBS", "VBN", "HYPH"))
_AFTER_THE_NOUN = frozenset(("CD", "NN", "NNS", "NNP", "NNPS", "POS", "HYPH", "SYM"))
_FINITE = frozenset(("VBZ", "VBP", "VBD", "MD"))
# Words before a noun that ask for "the": "the same way", "the only chance", "the whole day".
_THE_WORDS = frozenset(
    """same only whole entire first second third last next main following previous right
    wrong very best worst""".split()
)
# Words for a part of a group: "most of the people", "one of the reasons".
_PARTS = frozenset("most many some all each one none several both".split())
_ROLE_VERBS = frozenset("be become as elect appoint name make crown remain".split())

_WORDS = regex.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
# Words after which a noun's article is due: forms of "be", "to", clause openers (a verb
# of any form counts too, by lemminflect).
_SLOTS = frozenset(
    "is are was were be been being am to not never that because if when since while".split()
)


class _BareNounTrigger:
    """Selects a sentence where a noun that counts follows a verb, "be", "to" or a clause's
    start, with at most two adjectives between: what may lack its article, by the words
    alone (about one sentence in five of corrected English; the parse decides)."""

    def search(self, string: str, pos: int, endpos: int) -> bool:
        """Whether ``string[pos:endpos]`` holds such a noun, "lot of" or "most of"."""
        words = [found.group().lower() for found in _WORDS.finditer(string, pos, endpos)]
        for index, word in enumerate(words):
            if word in _PARTS or word == "lot":
                if index + 1 < len(words) and words[index + 1] == "of":
                    return True
            elif word in UNIQUE or countable_singular(word):
                before = index - 1
                while before >= 0 and index - before <= 2 and _adjective(words[before]):
                    before -= 1
                if before < 0 or words[before] in _SLOTS:
                    return True
                if inflection.is_known(words[before], "VERB"):
                    return True
        return False


def _adjective(word: str) -> bool:
    return word in _DEGREE or (
        inflection.is_known(word, "ADJ") and not inflection.is_known(word, "NOUN")
    )


TRIGGER = _BareNounTrigger()


@cache
def _bare() -> dict[str, frozenset[str]]:
    """The word before -> the nouns it takes bare (``*``: anywhere; ``role``: posts)."""
    return {normalise(cells[0]): frozenset(cells[1].split()) for cells in rows(DATA / BARE_NOUNS)}


def _lead(parse: Parse, noun: Token) -> Token | None:
    """The first word of the noun's phrase: the noun or the first adjective before it; None
    when anything else stands there."""
    left = [t for t in parse.subtree(noun.i) if t.i < noun.i]
    if any(t.tag not in _MODIFIER_TAGS or t.lower in _QUANTITIES for t in left):
        return None
    if any(t.pos == "ADV" and t.lower not in _DEGREE for t in left):
        return None
    if left and left[-1].i != noun.i - 1:
        return None
    return left[0] if left else noun


def _in_its_place(parse: Parse, noun: Token) -> bool:
    """Whether the noun stands where an article is due: an object, a complement or a subject
    of a singular or past verb, of a noun that nearly always has one; or the place a verb of
    motion goes to, of any noun that counts ("went to the supermarket")."""
    head = parse.tokens[noun.head]
    if noun.dep == "pobj" and head.lower == "to":
        verb = parse.tokens[head.head]
        moving = verb.tag.startswith("VB") and inflection.lemma(verb.lower, "VERB") in _MOTION
        return moving and countable_singular(noun.lower)
    if not needs_an_article(noun.lower):
        return False
    if noun.dep == "dobj" and (_imperative(parse, head) or head.tag == "VBG"):
        return False  # instructions and labels drop articles ("Create new test", "by tying
        # thing back": a gerund's object is as often a headline's)
    if noun.dep in ("dobj", "attr"):
        return True
    if noun.dep in ("nsubj", "nsubjpass"):
        return head.tag in _SUBJECT_VERB_TAGS or any(
            c.dep in ("aux", "auxpass") and c.tag in _SUBJECT_VERB_TAGS
            for c in parse.children(head.i)
        )
    return False


def _imperative(parse: Parse, verb: Token) -> bool:
    """Whether ``verb`` is a command: a bare main verb with no subject or auxiliary."""
    if verb.tag != "VB" or verb.dep != "ROOT":
        return False
    return not any(c.dep in ("nsubj", "aux") for c in parse.children(verb.i))


def _repeated(parse: Parse, noun: Token) -> bool:
    """ "year after year", "change by change", "day until night": a noun paired by a
    preposition with itself or its opposite, an adverbial of its own."""
    for first, second in ((noun.i - 2, noun.i), (noun.i, noun.i + 2)):
        if first < 0 or second >= len(parse.tokens):
            continue
        between = parse.tokens[first + 1]
        if between.tag == "IN" and parse.tokens[first].tag == parse.tokens[second].tag == "NN":
            return True
    return False


def _said_bare(parse: Parse, noun: Token) -> bool:
    """Whether the noun stands in a phrase English says without an article."""
    bare = _bare()
    word = noun.lower
    head = parse.tokens[noun.head]
    before = head.lower if head.tag in ("IN", "TO", "RP") else inflection.lemma(head.lower, "VERB")
    if word in bare.get("*", ()) or word in bare.get(before, ()):
        return True
    return word in bare.get("role", ()) and before in _ROLE_VERBS


def _the_first(parse: Parse, noun: Token, lead: Token) -> bool:
    """Whether "the" is the likelier article for ``noun`` (see the module notes)."""
    if noun.lower in UNIQUE or noun.dep in ("nsubj", "nsubjpass", "pobj"):
        return True
    words = parse.tokens[lead.i : noun.i]
    if any(t.tag == "JJS" or t.lower in _THE_WORDS for t in words):
        return True
    after = parse.next(noun.i)
    if after is not None and after.lower in ("of", "that", "which", "who", "where"):
        return True
    return any(c.dep in ("relcl", "acl") for c in parse.children(noun.i))


def _candidate(parse: Parse, noun: Token) -> Token | None:
    """The first word of the noun's phrase, where the noun lacks an article it needs."""
    word = noun.lower
    if word == "lot":
        return None  # "lot of" is _a_lot's
    at_start = noun.i == 0 or (noun.i == 1 and parse.tokens[0].pos == "PUNCT")
    if noun.tag != "NN" or not noun.text.isalpha() or noun.dep not in _ROLES:
        return None
    if not noun.text.islower() and not (at_start and noun.text[1:].islower()):
        return None
    if word not in UNIQUE and not _in_its_place(parse, noun):
        return None
    children = parse.children(noun.i)
    if any(c.dep in _DETERMINED or c.tag in _DETERMINER_TAGS for c in children):
        return None
    if any(c.dep in ("cc", "conj") for c in children):
        return None  # "no input, slow client or endpoint": whose determiner is whose?
    after = parse.next(noun.i)
    if (
        after is not None
        and after.dep != "npadvmod"
        and (after.tag in _AFTER_THE_NOUN or after.text[:1].isupper())
    ):
        return None  # "page 5", "school bus", "type A" (not "went to store yesterday")
    if parse.tokens[noun.head].lower in ("of", "per") or _said_bare(parse, noun):
        return None
    if _repeated(parse, noun):
        return None
    lead = _lead(parse, noun)
    if lead is None or (lead is noun and not noun.text.islower()):
        return None  # a capital that starts a sentence may be a name's ("Word does...")
    before = parse.previous(lead.i)
    if before is not None and (before.tag in ("PRP", "EX") or before.lower == "there"):
        return None  # "there opportunity", "you car": a possessive misspelt
    around = parse.tokens[max(lead.i - 1, 0) : noun.i + 2]
    if any(t.text.isalpha() and not FREQUENCIES.count(t.lower) for t in around):
        return None  # a misspelt word beside it: the parse is not sure
    return lead


def _a_lot(parse: Parse) -> Iterator[Finding]:
    """ "spent lot of time": "lot of" is "a lot of"."""
    for token in parse.tokens:
        before, after = parse.previous(token.i), parse.next(token.i)
        if token.lower != "lot" or after is None or after.lower != "of":
            continue
        if before is not None and (before.tag in _DETERMINER_TAGS or before.lower == "quite"):
            continue
        if before is not None and len(before.text) == 1 and before.text.isalpha():
            continue  # "o lot of": a misspelt "a" (the spell checker's to fix)
        fixed = match_case(token.text, "a") + " " + token.text.lower()
        yield Finding(token.start, token.end, message("grammar.article.missing.a_lot"), (fixed,))


def _of_the(parse: Parse) -> Iterator[Finding]:
    """ "most of people": a part of a group names the group with "the" (or drops "of")."""
    for noun in parse.tokens:
        if noun.tag != "NNS" or noun.dep != "pobj" or not noun.text.islower():
            continue
        of = parse.tokens[noun.head]
        part = parse.tokens[of.head] if of.lower == "of" else None
        if part is None or part.lower not in _PARTS or of.i != part.i + 1 or noun.i != of.i + 1:
            continue
        before = parse.previous(part.i)
        if before is not None and before.tag in _DETERMINER_TAGS:
            continue  # "the one of ..."
        if any(c.dep in _DETERMINED or c.tag in _DETERMINER_TAGS for c in parse.children(noun.i)):
            continue
        fixed = f"{part.text} of the {noun.text}"
        said = message("grammar.article.missing.of_the", part=part.text, fixed=fixed)
        yield Finding(part.start, noun.end, said, (fixed, f"{part.text} {noun.text}"))


def check(parse: Parse) -> Iterator[Finding]:
    """Flag singular countable nouns that lack an article, "lot of" and "most of people"."""
    tokens = parse.tokens
    if not tokens or tokens[-1].text not in (".", "!", "?"):
        return  # a heading, a title, a list item
    if not any(t.tag in _FINITE for t in tokens):
        return
    yield from _a_lot(parse)
    yield from _of_the(parse)
    for noun in tokens:
        lead = _candidate(parse, noun)
        if lead is None:
            continue
        phrase = parse.text[lead.start : noun.end]
        at_start = lead.i == 0
        if at_start:
            phrase = phrase[:1].lower() + phrase[1:]
        indefinite = article_for(phrase) or "a"
        forms = {
            "a": match_case(lead.text, indefinite) + " " + phrase,
            "the": match_case(lead.text, "the") + " " + phrase,
        }
        if at_start:
            forms = {key: form[:1].upper() + form[1:] for key, form in forms.items()}
        if noun.lower in UNIQUE:
            said = message("grammar.article.missing.the", noun=noun.text, the=forms["the"])
            yield Finding(lead.start, noun.end, said, (forms["the"],))
            continue
        order = ("the", "a") if _the_first(parse, noun, lead) else ("a", "the")
        said = message("grammar.article.missing", noun=noun.lower, a=forms["a"], the=forms["the"])
        yield Finding(lead.start, noun.end, said, tuple(forms[key] for key in order))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.article.missing",
        description="A singular countable noun without an article (“She is teacher”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("She is teacher.", "She is a teacher."),
            bad("I went to supermarket yesterday.", "I went to the supermarket yesterday."),
            bad("It is important step.", "It is an important step."),
            bad("She does not have job.", "She does not have a job."),
            bad("We need car to get there.", "We need a car to get there."),
            bad("I think new teacher is strict.", "I think the new teacher is strict."),
            bad("The gas will heat earth up.", "The gas will heat the earth up."),
            bad("I spent lot of time on it.", "I spent a lot of time on it."),
            bad("Most of people agree.", "Most of the people agree."),
            good("We had a lot of fun."),
            good("Most of the people agree."),
            good("Most people agree."),
            good("Some of them agree."),
            good("She is a teacher."),
            good("I went to school by car."),
            good("He stayed in bed all day."),
            good("She was elected president of the club."),
            good("We need information about it."),
            good("Life is short."),
            good("Read page 5 of the report."),
            good("He took the school bus."),
            good("What kind of person is he?"),
            good("John is my friend."),
            good("Step one"),
            good("In fact, the meeting took place at night."),
            good("He has his own car."),
        ),
    ),
    TRIGGER,
    check,
)
