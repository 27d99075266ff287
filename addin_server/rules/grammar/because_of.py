"""grammar.because_of: "because" before a noun phrase with no verb of its own ("late because
traffic", "Because the storm, the flight was late"): before a noun, English says
"because of".

By the tags: up to the next punctuation, the words after "because" hold a noun and no verb
(a clause, "because the rain was heavy", has one). A rewrite that expands "cuz traffic" is
checked by this rule too, so it writes "because of traffic".
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

TRIGGER = trigger(r"\bbecause\s+(?!of\b)\w")


def takes_of(parse: Parse, because: Token) -> bool:
    """Whether ``because`` introduces a bare noun phrase, which wants "because of": the
    words after it, up to the next punctuation, hold a noun and no verb."""
    if because.lower != "because" or because.tag != "IN":
        return False
    phrase = []
    for token in parse.tokens[because.i + 1 :]:
        if token.pos == "PUNCT" or token.tag == "CC":
            break
        phrase.append(token)
    if not phrase or phrase[0].lower == "of":
        return False
    if any(t.tag.startswith("VB") or t.tag in ("MD", "WDT", "WP") for t in phrase):
        return False  # "because the rain was heavy": a clause
    return any(t.tag in ("NN", "NNS", "NNP", "NNPS") for t in phrase)


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "because" before a noun phrase."""
    for token in parse.tokens:
        if takes_of(parse, token):
            fixed = match_case(token.text, "because") + " of"
            yield Finding(
                token.start, token.end, message("grammar.because_of", fixed=fixed), (fixed,)
            )


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
            bad(
                "Because the storm, the flight was late.",
                "Because of the storm, the flight was late.",
            ),
            good("It failed because we planned badly and lost."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
