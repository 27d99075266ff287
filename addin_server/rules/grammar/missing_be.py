"""grammar.verb_form.missing_be: an "-ing" verb with a subject and no "be" ("We going to be
late", "I going to school now", "They working hard"): the progressive needs "am", "is" or
"are".

By the parse: the "-ing" verb heads the clause (not "the man working here", where it
describes a noun) and has a personal pronoun as its subject and no auxiliary. A rewrite
that expands "we gonna" is checked by this rule too.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

_BE = {"i": "am", "you": "are", "we": "are", "they": "are", "he": "is", "she": "is", "it": "is"}
TRIGGER = trigger(r"\b(?:i|you|we|they|he|she|it)\s+(?:\w+ly\s+)?\w+ing\b")


def check(parse: Parse) -> Iterator[Finding]:
    """Flag an "-ing" verb that heads a clause with a pronoun subject and no "be"."""
    for verb in parse.tokens:
        if verb.tag != "VBG" or verb.dep not in ("ROOT", "conj", "ccomp"):
            continue
        children = parse.children(verb.i)
        if any(c.dep in ("aux", "auxpass") for c in children):
            continue
        subjects = [c for c in children if c.dep == "nsubj" and c.i < verb.i]
        if len(subjects) != 1 or subjects[0].lower not in _BE:
            continue
        subject = subjects[0]
        if any(
            t.tag.startswith("VB") or t.tag == "MD" for t in parse.tokens[subject.i + 1 : verb.i]
        ):
            continue
        be = _BE[subject.lower]
        said = message(
            "grammar.verb_form.missing_be",
            subject=subject.text,
            verb=verb.text,
            be=be,
            fixed=f"{subject.text} {be} {verb.text}",
        )
        yield Finding(verb.start, verb.end, said, (f"{be} {verb.text}",))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.missing_be",
        description="An “-ing” verb with no “be” (“We going to be late”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("We going to be late.", "We are going to be late."),
            bad("I going to school now.", "I am going to school now."),
            bad("They working hard.", "They are working hard."),
            good("We are going to be late."),
            good("The man working here is my uncle."),
            good("Going home, we saw a fox."),
            good("I saw them working hard."),
            good("I kept going."),
        ),
    ),
    TRIGGER,
    check,
)
