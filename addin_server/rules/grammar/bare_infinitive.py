"""grammar.verb_form.bare_infinitive: "to" after "let" or "make" and their object ("She let
him to go", "It made me to think"): these verbs take the bare infinitive, so "to" goes.

By the parse: the object is the subject of the verb that follows (a small clause) and the
verb's "to" comes right before it. "He was made to wait" (the passive takes "to"), "They
made a decision to leave" ("to leave" belongs to "decision") and "Make sure to call" are
right and left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.nlp import Parse
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

TRIGGER = trigger(r"""\b(?:let|lets|letting|make|makes|made|making)\s+(?:\w+\s+){1,3}?to\s+\w""")
_CAUSATIVES = frozenset(("let", "make"))


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "to" between the object of "let"/"make" and its verb."""
    for verb in parse.tokens:
        if verb.tag != "VB" or verb.dep not in ("ccomp", "xcomp") or verb.i < 3:
            continue
        to = parse.tokens[verb.i - 1]
        if to.lower != "to" or to.dep != "aux":
            continue
        head = parse.tokens[verb.head]
        if inflection.lemma(head.lower, "VERB") not in _CAUSATIVES or not head.tag.startswith("VB"):
            continue
        if any(c.dep in ("auxpass", "nsubjpass") for c in parse.children(head.i)):
            continue  # "he was made to wait"
        subjects = [c for c in parse.children(verb.i) if c.dep == "nsubj"]
        if not subjects or not head.i < subjects[0].i < to.i:
            continue
        said = message("grammar.verb_form.bare_infinitive", verb=head.text, object=subjects[0].text)
        yield Finding(to.start, verb.start, said, ("",))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.bare_infinitive",
        description="“to” after “let” or “make” and their object (“let him to go”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("She let him to go.", "She let him go."),
            bad("This made me to think about it.", "This made me think about it."),
            bad("Let us to begin.", "Let us begin."),
            bad(
                "They make the students to wear uniforms.", "They make the students wear uniforms."
            ),
            good("She let him go."),
            good("He was made to wait."),
            good("They made a decision to leave."),
            good("Make sure to call me."),
            good("We made it to the final."),
            good("It is hard to make friends."),
        ),
    ),
    TRIGGER,
    check,
)
