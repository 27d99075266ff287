"""grammar.noun_number: a noun whose number clashes with the quantifier before it: "many
car", "several problem", "one of the best student", "the number of car", "a couple of
day" want the plural; "every students", "each members", "another cars" want the singular.

Only nouns that lemminflect knows as countable (with a distinct plural) and that are not
mass nouns ("many information" needs "much", not a plural); only the noun right after the
quantifier or after one adjective. After "a lot of" and "lots of", which take mass nouns
as readily ("a lot of time", "a lot of effort"), only nouns that English mostly uses as
countable: their plural is at least half as common as their singular in the word counts
(problem 0.86, idea 1.03, scientist 1.97; experience 0.18, practice 0.45, damage 0.38).
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.nouns import mass_nouns
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger
from addin_server.text.word_frequencies import FREQUENCIES

# A plural quantifier before a word that does not end in "s", or a singular one before
# one that does.
TRIGGER = trigger(
    r"""\b(?:many|several|few|various|numerous|both|these|those|most|one\s+of\s+the
         |one\s+of\s+(?:my|our|your|his|her|their))\s+(?:\w+\s+)?\w*[^\Ws]\b
    | \b(?:a|the|large|small|great|growing)\s+(?:number|couple)\s+of\s+(?:\w+\s+)?\w*[^\Ws]\b
    | \b(?:a\s+lot|lots)\s+of\s+(?:\w+\s+)?\w*[^\Ws]\b
    | \b(?:every|each|another|a|an|this|that)\s+(?:\w+\s+)?\w+s\b
    | \b(?:each|either|neither|some|many|most|several|few|both|all|none|any)\s+of\s+
      (?:the|my|our|your|his|her|their|these|those)\s+(?:\w+\s+)?\w*[^\Ws]\b"""
)
# A number before a word that does not end in "s" (grammar.noun_number.after_number).
NUMBER_TRIGGER = trigger(
    r"""\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty
         |forty|fifty|hundred|thousand|[2-9]|[1-9]\d)\s+(?:\w+\s+)?\w*[^\Ws]\b"""
)
_PLURAL_QUANTIFIERS = frozenset("many several few various numerous both these those most".split())
_SINGULAR_QUANTIFIERS = frozenset("every each another a an this that".split())
# Singular determiners, where the tagger reads them as determiners ("that" also starts a
# clause: "I know that students...", where it is tagged IN).
_SINGULAR_DETERMINERS = frozenset("a an this that".split())
_NUMBER_OF_DETERMINERS = frozenset("a the large small great growing".split())
_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
    fifty hundred thousand""".split()
)
# The message after a quantifier, by the number it wants.
_MESSAGES = {"plural": "grammar.noun_number", "singular": "grammar.noun_number.singular"}
_ARGUMENTS = frozenset("nsubj nsubjpass dobj pobj attr npadvmod conj".split())
_NUMBER_NOUNS = frozenset("score dozen hundred thousand million billion trillion".split())
# "most of the students", "each of my friends": a part of several things.
_PART_OF = frozenset("each either neither some many most several few both all none any".split())
_OF_DETERMINERS = frozenset("the my our your his her their these those".split())
# After "a lot of": a noun whose plural is at least this common, next to its singular.
COUNTABLE_PLURAL_SHARE = 0.5
# Mass uses common enough to pass the share test all the same.
_MOSTLY_MASS = frozenset("effort change fun time work".split())
# Words of quantity and kind: "many kind of" is a phrase of its own, not a count.
_NOT_COUNTED = frozenset("kind sort type lot number".split())
# ...but a plural quantifier or a number before "kind of" counts kinds: "these kinds of
# fish", "two kinds of study" (not "most kind of": "most" there is an adverb).
_KINDS = frozenset("kind sort type".split())
# Words that start a clause, after which "most" is a quantifier ("because most students");
# after other prepositions it may be an adverb ("of most importance", "at most").
_CLAUSE_OPENERS = frozenset(
    "because if when since although though while whereas unless that so and but".split()
)


def _noun_after(parse: Parse, index: int) -> Token | None:
    """The noun right after ``index``, allowing one adjective in between."""
    token = parse.next(index)
    if token is not None and token.tag in ("JJ", "JJS", "JJR"):
        token = parse.next(token.i)
    if token is None or token.tag not in ("NN", "NNS"):
        return None
    after = parse.next(token.i)
    if after is not None and after.tag in ("NN", "NNS", "POS"):
        return None  # "many school buses", "these company's": the noun is a modifier
    return token


def _countable(noun: str) -> str | None:
    """The singular lemma of a countable noun, or ``None``."""
    mass = mass_nouns()
    if noun in mass or noun in _NOT_COUNTED or not inflection.is_known(noun, "NOUN"):
        return None
    lemma = inflection.lemma(noun, "NOUN")
    plural = inflection.inflection(lemma, "NNS")
    if lemma in mass or lemma in _NOT_COUNTED or plural is None or plural == lemma:
        return None
    return lemma


def _quantifier(parse: Parse, token: Token) -> str | None:
    word = token.lower
    if word in _SINGULAR_DETERMINERS:
        return word if token.tag == "DT" else None
    if word == "most":
        previous = parse.previous(token.i)
        following = parse.next(token.i)
        if (
            previous is not None
            and previous.tag in ("DT", "IN", "PRP$")
            and previous.lower not in _CLAUSE_OPENERS
        ):
            return None  # "the most beautiful", "at most", "of most importance"
        return word if following is not None and following.tag == "NN" else None
    if word in _PLURAL_QUANTIFIERS or word in _SINGULAR_QUANTIFIERS:
        return word
    before = [t.lower for t in parse.tokens[max(token.i - 2, 0) : token.i]]
    if word in ("the", "my", "our", "your", "his", "her", "their") and before == ["one", "of"]:
        return "one of"
    if word in _OF_DETERMINERS and before[-1:] == ["of"] and before[0] in _PART_OF:
        return "a lot of"  # like "a lot of": "most of the time" is a mass use
    if token.tag == "CD" and token.dep == "nummod" and _counts_several(parse, token):
        return "number"  # by the parse: "where two overlap" counts nothing (only the
        # rule that reads dependencies gets here: without them no token is a "nummod")
    # "the number of", "a number of", "a couple of" (not "the couple of the year": a noun)
    if word == "of" and before[-1:] == ["number"] and before[0] in _NUMBER_OF_DETERMINERS:
        return "number of"
    if word == "of" and before == ["a", "couple"]:
        return "couple of"
    if word == "of" and (before == ["a", "lot"] or before[-1:] == ["lots"]):
        return "a lot of"
    return None


def _counts_several(parse: Parse, number: Token) -> bool:
    """A number above one that counts the noun after it: "two", "15" (not a year, a price,
    a page or part of a larger number: "2019 budget", "$5 bill", "page 2", "2.5")."""
    word = number.lower
    if word not in _NUMBER_WORDS and not (word.isdigit() and 1 < int(word) < 1000):
        return False
    before = parse.previous(number.i)
    if before is not None and (
        before.tag in ("$", "CD", "NN", "NNP", "HYPH", "WRB")
        or before.lower in ("no", "#", "and", "if", "once", "while", "as", "until", "unless")
    ):
        return False  # "where two overlap": a number standing for things, then a verb
    after = parse.next(number.i)
    return after is not None and after.text not in ("-", "/", ".", ",", "%")


def _mostly_countable(lemma: str) -> bool:
    """Whether English uses ``lemma`` mostly as a countable noun, by its plural's share."""
    plural = inflection.inflection(lemma, "NNS")
    singular_count = FREQUENCIES.count(lemma)
    if lemma in _MOSTLY_MASS or plural is None or not singular_count:
        return False
    return FREQUENCIES.count(plural) >= COUNTABLE_PLURAL_SHARE * singular_count


def check(parse: Parse) -> Iterator[Finding]:
    """Flag nouns whose number contradicts their quantifier (by the tags)."""
    return _findings(parse, numbers=False)


def check_numbers(parse: Parse) -> Iterator[Finding]:
    """Flag singular nouns a number counts (by the parse)."""
    return _findings(parse, numbers=True)


def _findings(parse: Parse, numbers: bool) -> Iterator[Finding]:
    for token in parse.tokens:
        quantifier = _quantifier(parse, token)
        if quantifier is None or (quantifier == "number") != numbers:
            continue
        following = parse.next(token.i)
        if following is not None and following.lower in ("few", "other", "couple"):
            continue  # "every few years", "every other day"
        noun = _noun_after(parse, token.i)
        if noun is None or not noun.text.islower():
            continue
        if quantifier == "number" and (token.head != noun.i or noun.dep not in _ARGUMENTS):
            continue  # "where two overlap": a "noun" heading a clause is a verb misread
        after = parse.next(noun.i)
        if noun.lower in _KINDS and after is not None and after.lower == "of":
            if noun.tag == "NN" and (quantifier in _PLURAL_QUANTIFIERS - {"most"} or numbers):
                message_id = "grammar.noun_number.after_number" if numbers else _MESSAGES["plural"]
                yield replace_token(noun, noun.lower + "s", message_id, quantifier=token.text)
            continue
        lemma = _countable(noun.lower)
        if lemma is None or (quantifier == "a lot of" and not _mostly_countable(lemma)):
            continue
        after = parse.next(noun.i)
        if quantifier == "a lot of" and after is not None and after.lower == "to":
            continue  # "a lot of opportunity to think": the uncountable sense
        if after is not None and after.lower in ("old", "-", "long", "tall", "wide", "deep"):
            continue  # "a two year old", "ten foot long": a measure used as an adjective
        if quantifier == "number" and lemma in _NUMBER_NOUNS:
            continue  # "four score", "two dozen", "three hundred": one number
        wants_plural = quantifier not in _SINGULAR_QUANTIFIERS
        if wants_plural and noun.tag == "NN" and noun.lower == lemma:
            form = inflection.inflection(lemma, "NNS")
        elif not wants_plural and noun.tag == "NNS" and noun.lower != lemma:
            form = lemma
        else:
            continue
        if form:
            said = "plural" if wants_plural else "singular"
            message_id = "grammar.noun_number.after_number" if numbers else _MESSAGES[said]
            yield replace_token(noun, form, message_id, quantifier=token.text)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.noun_number",
        description="A noun whose number clashes with its quantifier (“many car”).",
        category=Category.CORRECTNESS,
        kind="agreement",
        severity=Severity.WARNING,
        examples=(
            bad("There are many car on the road.", "There are many cars on the road."),
            bad("She is one of the best student here.", "She is one of the best students here."),
            bad("We found several problem.", "We found several problems."),
            bad("Every students must sign.", "Every student must sign."),
            bad("These book are old.", "These books are old."),
            bad(
                "We must cut the number of car in town.", "We must cut the number of cars in town."
            ),
            bad("I stayed there a couple of day.", "I stayed there a couple of days."),
            bad("There are a lot of problem here.", "There are a lot of problems here."),
            bad("We had lots of good idea.", "We had lots of good ideas."),
            good("There are many cars on the road."),
            good("We need more information."),
            good("Many school buses were late."),
            good("Every student must sign."),
            good("Both sides agreed."),
            good("Those are nice."),
            good("Many thanks for your help."),
            good("Each of the students signed."),
            good("It is repeated every few years."),
            good("The number of people grew."),
            good("It takes a lot of time."),
            good("She put a lot of effort into it."),
            good("We gained a lot of experience."),
            good("It caused a lot of damage."),
            good("They need lots of practice."),
            good("A lot of people came."),
            good("It gives us a lot of opportunity to think."),
            good("A number of information sources exist."),
            good("The number of damage claims rose."),
            good("He is the number one player."),
            bad("Most of the kid knew it.", "Most of the kids knew it."),
            bad("Each of my friend came.", "Each of my friends came."),
            good("Most of the time we walk."),
            good("All of the information is here."),
            bad("They can make a products and sell it.", "They can make a product and sell it."),
            bad("For this reasons, we left.", "For this reason, we left."),
            bad("She has a good friends.", "She has a good friend."),
            good("I know that students like it."),
            good("It was a great many years ago."),
            good("He is a sales manager."),
            good("It is a means to an end."),
            good("That seems fine."),
            bad("Most student like it.", "Most students like it."),
            bad(
                "We passed because most student worked.", "We passed because most students worked."
            ),
            good("It is of most importance."),
            bad("These kind of fish live long.", "These kinds of fish live long."),
            good("This kind of fish lives long."),
            good("Many kinds of fish live here."),
            good("It is the most important thing."),
            good("Most work is done at night."),
            good("At most ten people came."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
AFTER_NUMBER = ParsedRule(
    RuleInfo(
        id="grammar.noun_number.after_number",
        description="A singular noun after a number above one (“two apple”).",
        category=Category.CORRECTNESS,
        kind="agreement",
        severity=Severity.WARNING,
        examples=(
            bad("I bought two apple.", "I bought two apples."),
            bad("There are two kind of studies.", "There are two kinds of studies."),
            bad("We waited for three long hour.", "We waited for three long hours."),
            bad("It took 5 minute.", "It took 5 minutes."),
            good("She has a two year old son."),
            good("The 2019 budget was small."),
            good("It costs $5 each."),
            good("Two hundred people came."),
            good("See page 2 paragraph 3."),
            good("Four score and seven years ago."),
            good("Where two overlap, one stays."),
            good("It is merged: where two overlap, the more important stays (first this)."),
            good("I bought two apples."),
        ),
    ),
    NUMBER_TRIGGER,
    check_numbers,
)
RULES = (RULE, AFTER_NUMBER)
