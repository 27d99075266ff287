"""grammar.because_of: "because" before a noun phrase with no verb of its own ("late because
traffic", "Because the storm, the flight was late"): before a noun, English says
"because of".

By the parse: "because" heads a noun as a preposition would (a clause, "because the rain
was heavy", gives it a verb instead). A rewrite that expands "cuz traffic" is checked by
this rule too, so it writes "because of traffic".
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

TRIGGER = trigger(r"\bbecause\s+(?!of\b)\w")


def takes_of(parse: Parse, because: Token) -> bool:
    """Whether ``because`` introduces a bare noun phrase, which wants "because of"."""
    if because.lower != "because" or because.dep != "prep":
        return False
    after = parse.next(because.i)
    if after is None or after.lower == "of":
        return False
    objects = [c for c in parse.children(because.i) if c.dep in ("pobj", "prep")]
    return bool(objects) and objects[0].tag in ("NN", "NNS", "NNP", "NNPS")


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "because" before a noun phrase."""
    for token in parse.tokens:
        if takes_of(parse, token):
            fixed = match_case(token.text, "because") + " of"
            message = f"Before a noun, write “{fixed}”."
            yield Finding(token.start, token.end, message, (fixed,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.because_of",
        description="“because” before a noun phrase, where English says “because of”.",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("We will be late because traffic.", "We will be late because of traffic."),
            bad("I stayed home because the rain.", "I stayed home because of the rain."),
            good("I stayed home because the rain was heavy."),
            good("We left early because of the traffic."),
            good("Because it rained, we stayed in."),
            good("Why? Because."),
        ),
    ),
    TRIGGER,
    check,
)
