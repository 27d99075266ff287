"""grammar.agreement.there_is: "there is" and "there are" agree with the noun that follows
("There is many people" wants "are"; "There are a problem" wants "is").

The parser marks "there" as an expletive and the noun after the verb as what it introduces;
that noun's number is read as a subject's is (a determiner, a plural ending, an indefinite
pronoun), so "there is a lot of people", "there is plenty" and a name are left alone. A
list ("There is a pen and a book") is left alone too: English lets the verb agree with the
first item. The contraction "there's" is left to the writer's register.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.agreement import Number, agreeing_form, disagrees, subject_number
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

# "there is/was" before a plural-looking word or a counting word, "there are/were" before a
# singular determiner or an indefinite pronoun.
TRIGGER = trigger(
    r"""\bthere\s+(?:is|was)\s+(?:\w+\s+){0,2}?(?:\w+s|people|children|men|women)\b
    | \bthere\s+(?:is|was)\s+(?:many|several|few|two|three|four|five|six|seven|eight|nine|ten)\b
    | \bthere\s+(?:are|were)\s+(?:not\s+)?(?:a|an|one|\w+thing|\w+one|\w+body)\b"""
)
_VERBS = frozenset("is are was were".split())


def _introduced(parse: Parse, verb: Token) -> Token | None:
    """The noun "there is" introduces: the attribute or subject after the verb."""
    for child in parse.children(verb.i):
        if child.i > verb.i and child.dep in ("attr", "nsubj"):
            return child
    return None


def _counted_plural(parse: Parse, noun: Token) -> Number | None:
    """ "two cars": a plural noun with a number (as a subject, "five dollars is" is one sum;
    after "there" it is several things)."""
    counted = any(c.dep == "nummod" for c in parse.children(noun.i))
    return Number.PLURAL if counted and noun.tag == "NNS" else None


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "there is/are" whose verb disagrees with the noun after it."""
    for there in parse.tokens:
        if there.lower != "there" or there.dep != "expl":
            continue
        verb = parse.tokens[there.head]
        if verb.lower not in _VERBS or verb.i != there.i + 1:
            continue
        noun = _introduced(parse, verb)
        if noun is None or any(c.dep == "conj" for c in parse.children(noun.i)):
            continue
        number = _counted_plural(parse, noun) or subject_number(parse, noun)
        if number is None or number is Number.FIRST or not disagrees(verb, number):
            continue
        form = agreeing_form(verb, number)
        if form:
            fixed = match_case(verb.text, form)
            said = message(
                "grammar.agreement.there_is", verb=verb.text, noun=noun.text, fixed=fixed
            )
            yield Finding(verb.start, verb.end, said, (fixed,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.agreement.there_is",
        description="“there is/are” that does not agree with the noun after it.",
        category=Category.CORRECTNESS,
        kind="agreement",
        severity=Severity.WARNING,
        examples=(
            bad("There is many people in the room.", "There are many people in the room."),
            bad("There are a problem with the car.", "There is a problem with the car."),
            bad("There was two cars outside.", "There were two cars outside."),
            bad("I think there are not anything to do.", "I think there is not anything to do."),
            good("There are many people in the room."),
            good("There is a lot of people here."),
            good("There is a pen and a book on the desk."),
            good("There's many ways to do it."),
            good("There is plenty of time."),
            good("There were a few problems."),
            good("Is there any milk?"),
            good("There are the Smiths, who live next door."),
        ),
    ),
    TRIGGER,
    check,
)
