"""grammar.verb_form.used_to: the habit-in-the-past "used to" takes the base form ("used to
play", not "used to played" or "used to playing"), "did" takes "use to", and a subject
followed by "use to" and a verb means "used to". "be/get used to" + "-ing" is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.verbs import wrong_form_base
from addin_server.rules.english.words import BE_FORMS, SUBJECT_PRONOUNS
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger

TRIGGER = trigger(r"\bused?\s+to\b")
_GET = frozenset("get gets got getting gotten become became".split())


def _before_skipping_adverbs(parse: Parse, index: int) -> Token | None:
    token = parse.previous(index)
    while token is not None and token.tag == "RB" and token.lower != "n't":
        token = parse.previous(token.i)
    return token


def check(parse: Parse) -> Iterator[Finding]:
    """Flag the wrong forms around "used to"."""
    for token in parse.tokens:
        to = parse.next(token.i)
        if to is None or to.lower != "to" or token.lower not in ("used", "use"):
            continue
        verb = parse.next(to.i)
        before = _before_skipping_adverbs(parse, token.i)
        if before is None or verb is None:
            continue
        if token.lower == "used" and before.lower not in BE_FORMS and before.lower not in _GET:
            if before.lower in ("did", "n't"):
                yield replace_token(token, "use", "grammar.verb_form.used_to.after_did")
                continue
            base = wrong_form_base(parse, verb)
            if base is None and verb.tag == "VBG" and inflection.is_known(verb.lower, "VERB"):
                base = inflection.lemma(verb.lower, "VERB")
            if base and base != verb.lower:
                yield replace_token(verb, base, "grammar.verb_form.used_to.base_form")
        elif (
            token.lower == "use"
            and before.lower in SUBJECT_PRONOUNS
            and before.i == 0
            and verb.tag == "VB"
        ):
            yield replace_token(token, "used", "grammar.verb_form.used_to.habit")


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.used_to",
        description="Wrong verb forms around “used to”.",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("We used to played outside.", "We used to play outside."),
            bad("She used to going there.", "She used to go there."),
            bad("He didn't used to smoke.", "He didn't use to smoke."),
            bad("I use to live in Rome.", "I used to live in Rome."),
            good("We used to play outside."),
            good("She is used to going there."),
            good("He got used to working late."),
            good("He didn't use to smoke."),
            good("What I use to cut bread is a knife."),
            good("The tool we use to measure it is cheap."),
            good("It is used to measure heat."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
