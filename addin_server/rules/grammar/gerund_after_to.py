"""grammar.verb_form.gerund_after_to: a base form after a "to" that is a preposition, not
the sign of an infinitive ("I look forward to hear from you", "I am used to get up early",
"when it comes to choose"): the verb after it is a gerund.

Only the phrases whose "to" is always a preposition: "look forward to", "be used to" and
"be accustomed to" (with "be" or "get", and for "used" a person as subject: "I used to get
up early" is a past habit, "the money is used to pay" a purpose, both right),
"object to", "when it comes to", "in addition to", "with a view to". The tagger's base form
(``VB``) must follow.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.words import BE_FORMS
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

TRIGGER = trigger(
    r"""\bforward\s+to\s+\w
    | \b(?:used|accustomed)\s+to\s+\w
    | \bobject(?:s|ed|ing)?\s+to\s+\w
    | \bcomes?\s+to\s+\w
    | \bin\s+addition\s+to\s+\w
    | \bwith\s+a\s+view\s+to\s+\w"""
)
_GET_FORMS = frozenset("get gets got getting gotten become became becomes".split())


def _before_to(parse: Parse, to: Token) -> list[str]:
    return [t.lower for t in parse.tokens[max(0, to.i - 3) : to.i]]


def _prepositional(parse: Parse, to: Token) -> bool:
    """Whether the words before ``to`` make it a preposition."""
    before = _before_to(parse, to)
    last = before[-1:] or [""]
    if last[0] == "forward":
        return len(before) >= 2 and inflection.lemma(before[-2], "VERB") == "look"
    if last[0] in ("used", "accustomed"):
        linked = len(before) >= 2 and (before[-2] in BE_FORMS or before[-2] in _GET_FORMS)
        return linked and (last[0] == "accustomed" or _person_is_used(parse, to.i - 1))
    if last[0] in ("object", "objects", "objected", "objecting"):
        return parse.tokens[to.i - 1].tag.startswith("VB")
    if last[0] in ("comes", "come"):
        return before[-3:-1] == ["when", "it"] or before[-2:-1] == ["it"]
    if last[0] == "addition":
        return before[-2:-1] == ["in"]
    return last[0] == "view" and before[-2:-1] == ["a"]


def _person_is_used(parse: Parse, used: int) -> bool:
    """ "I am used to": a person grown used to something; "the money is used to pay" is a
    passive with an infinitive of purpose, so its subject must be a person."""
    head = parse.tokens[used]
    while head.dep in ("xcomp", "acomp") and head.head != head.i:
        head = parse.tokens[head.head]  # "got used": the subject hangs on "got"
    subjects = [c for c in parse.children(head.i) if c.dep in ("nsubj", "nsubjpass")]
    return bool(subjects) and subjects[0].lower in _PERSONS


_PERSONS = frozenset(
    "i you he she we they people everyone everybody children students kids".split()
)


def _takes_object(parse: Parse, verb: Token) -> bool:
    """Whether a determiner, pronoun or noun follows, as an object does ("to pay the fee")."""
    after = parse.next(verb.i)
    return after is not None and after.tag in ("DT", "PRP", "PRP$", "NN", "NNS", "CD")


def check(parse: Parse) -> Iterator[Finding]:
    """Flag a base form after a prepositional "to"."""
    for to in parse.tokens:
        if to.lower != "to" or not _prepositional(parse, to):
            continue
        verb = parse.next(to.i)
        if verb is None or verb.tag != "VB" or not inflection.is_known(verb.lower, "VERB"):
            continue
        if inflection.is_known(verb.lower, "NOUN") and not _takes_object(parse, verb):
            continue  # "in addition to rent, ...": a noun the tagger read as a verb
        gerund = inflection.verb_forms(inflection.lemma(verb.lower, "VERB")).gerund
        fixed = match_case(verb.text, gerund)
        said = message(
            "grammar.verb_form.gerund_after_to", word=parse.tokens[to.i - 1].text, fixed=fixed
        )
        yield Finding(verb.start, verb.end, said, (fixed,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.gerund_after_to",
        description="A base form after a prepositional “to” (“look forward to hear”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("I look forward to hear from you.", "I look forward to hearing from you."),
            bad("I am used to get up early.", "I am used to getting up early."),
            bad("She got accustomed to live alone.", "She got accustomed to living alone."),
            bad(
                "When it comes to choose a school, ask.", "When it comes to choosing a school, ask."
            ),
            bad("They objected to pay the fee.", "They objected to paying the fee."),
            good("I look forward to hearing from you."),
            good("I used to get up early."),
            good("The money is used to pay the staff."),
            good("It comes to life at night."),
            good("In addition to that, we paid."),
            good("In addition to rent, we pay for heat."),
            good("She looked forward to the trip."),
        ),
    ),
    TRIGGER,
    check,
)
