"""grammar.verb_form.modal_to: "to" between a modal and its verb ("should to go", "must to
finish", "can to help"): a modal takes the bare infinitive, so "to" goes.

Only where the tagger reads the modal as a modal (not "the will to win", a noun) and a
base-form verb follows "to". "ought to" and "have to" are not modals of this kind.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

TRIGGER = trigger(
    r"""\b(?:(?:can|could|will|would|shall|should|may|might|must)(?:n['’]t|\s+not)?
         |can['’]t|won['’]t|shan['’]t|cannot)\s+
    (?:also\s+|always\s+|never\s+|just\s+|really\s+)?to\s+\w"""
)
# "ca" and "wo" are how the tagger splits "can't" and "won't".
_MODALS = frozenset("can could will would shall should may might must ca wo sha".split())


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "to" after a modal, before a base-form verb."""
    for token in parse.tokens:
        if token.lower != "to":
            continue
        verb = parse.next(token.i)
        if verb is None or verb.tag != "VB":
            continue
        before = parse.previous(token.i)
        while before is not None and before.lower in (
            "not",
            "n't",
            "n’t",
            "also",
            "always",
            "never",
        ):
            before = parse.previous(before.i)
        if before is None or before.tag != "MD" or before.lower not in _MODALS:
            continue
        end = verb.start  # the space after "to" goes with it
        said = message("grammar.verb_form.modal_to", modal=before.text)
        yield Finding(token.start, end, said, ("",))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.modal_to",
        description="“to” between a modal and its verb (“should to go”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("Students should to read more books.", "Students should read more books."),
            bad("We must to finish the report today.", "We must finish the report today."),
            bad("She can to swim very well.", "She can swim very well."),
            bad("You must not to forget it.", "You must not forget it."),
            bad("I can't to do it.", "I can't do it."),
            bad("It won't to work.", "It won't work."),
            good("Students should read more books."),
            good("They lack the will to win."),
            good("You ought to rest."),
            good("We have to leave now."),
            good("The will to live is strong."),
            good("It may seem strange to you."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
