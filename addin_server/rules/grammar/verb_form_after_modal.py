"""grammar.verb_form.after_modal: a past or "-s" form after a modal ("can goes", "would
went", "should had"), which takes the base form."""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse
from addin_server.rules.english.verbs import verb_after, wrong_form_base
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger

# A modal, perhaps an adverb, then a word that looks past or "-s" (not a base form).
TRIGGER = trigger(
    r"""\b(?:can|could|will|would|shall|should|may|might|must)(?:n't)?\s+
    (?:not\s+|never\s+|always\s+|also\s+|just\s+|even\s+|only\s+)?
    (?:\w+(?:ed|[^\Wsiu]s)|went|came|saw|took|gave|did|made|got|had|has|knew|wrote|bought
     |began|ate|drove|spoke|chose|thought|told|found|left|lost|kept|felt|brought|became
     |ran|won|sent|spent|built|paid|sold|taught|caught|fought|held|met|stood|understood)\b"""
)


def check(parse: Parse) -> Iterator[Finding]:
    """Flag non-base verb forms after modals."""
    for token in parse.tokens:
        if token.tag != "MD":
            continue
        verb = verb_after(parse, token.i)
        if verb is None:
            continue
        base = "have" if verb.lower in ("has", "had") else wrong_form_base(parse, verb)
        if (
            verb.lower == "had"
            and (following := parse.next(verb.i)) is not None
            and (following.tag not in ("VBN", "VBD"))
        ):
            base = None  # "could had" + noun: no safe single fix
        if base:
            yield replace_token(verb, base, "grammar.verb_form.after_modal", modal=token.text)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.after_modal",
        description="A past or “-s” verb form after a modal such as “can” or “would”.",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("She can speaks three languages.", "She can speak three languages."),
            bad("I would went there again.", "I would go there again."),
            bad("You should had known.", "You should have known."),
            bad("It will not helped us.", "It will not help us."),
            bad("He can has a cookie.", "He can have a cookie."),
            good("She can speak three languages."),
            good("You should have known."),
            good("The will was read aloud."),
            good("We may never know."),
            good("They must be tired."),
            good("Could you help me?"),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
