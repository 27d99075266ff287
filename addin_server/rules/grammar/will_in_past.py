"""grammar.tense.will_past: "will" before a verb that a past-time adverb places in the past
("Yesterday I will go to the bank", "Last week we will visit our aunt", "Two days ago he
will call me"): the writer means the simple past. Chinese marks a past event with a word of
time, not with the verb (昨天我去银行), so the verb's tense is easy to miss.

Only where the parse is sure: the adverb modifies the very verb "will" goes with (not a
reported plan: "Yesterday she said she will come" is right), a subject stands before "will",
and nothing else (no "not", no "have", no passive) complicates the fix. "in 2019" is left out:
a plan dated by its year may be written before that year came.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.tense import PAST_TIME_PATTERN, past_form, past_time
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

_PAST_TIME = trigger(PAST_TIME_PATTERN)
_WILL = trigger(r"\bwill\b|['’]ll\b")


class _WillAndPastTime:
    """Selects a sentence with both "will" (or "'ll") and a past-time adverb, in either
    order (two plain searches: one pattern for both orders would look ahead at every
    character). "in 2019" selects the sentence but is left alone (see the module notes)."""

    def search(self, string: str, pos: int, endpos: int) -> bool:
        """Whether ``string[pos:endpos]`` holds both."""
        return bool(_WILL.search(string, pos, endpos) and _PAST_TIME.search(string, pos, endpos))


TRIGGER = _WillAndPastTime()


def _will(parse: Parse, verb: Token) -> Token | None:
    """The verb's "will", where it stands right before the verb and nothing else helps it
    ("will not go", "will have gone" are other fixes)."""
    helpers = [c for c in parse.children(verb.i) if c.dep in ("aux", "auxpass", "neg")]
    if len(helpers) != 1 or helpers[0].lower not in ("will", "'ll", "’ll"):
        return None
    return helpers[0] if helpers[0].i + 1 == verb.i else None


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "will" + a verb that a past-time adverb modifies."""
    for token in parse.tokens:
        if token.lower == "in" or not past_time(parse, token):
            continue
        verb = parse.tokens[token.head]
        if verb.tag != "VB":
            continue
        will = _will(parse, verb)
        if will is None:
            continue
        subject = [c for c in parse.children(verb.i) if c.dep in ("nsubj", "nsubjpass")]
        if not subject or subject[0].i > will.i:
            continue  # a question ("Will you go yesterday?") or no subject
        past = past_form(verb)
        if past is None:
            continue
        if will.lower == "will":
            start, fixed = will.start, match_case(will.text, past)
        else:  # "I'll go": the contraction and the verb become one word after the subject
            start, fixed = will.start, " " + past
        said = message("grammar.tense.will_past", time=token.text, fixed=fixed.strip())
        yield Finding(start, verb.end, said, (fixed,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.tense.will_past",
        description="“Will” with a past-time adverb (“Yesterday I will go to the bank”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("Yesterday I will go to the bank.", "Yesterday I went to the bank."),
            bad("Last week we will visit our aunt.", "Last week we visited our aunt."),
            bad("He will call me two days ago.", "He called me two days ago."),
            good("Yesterday she said she will come."),
            good("I will go to the bank tomorrow."),
            good("Last week I promised that I will help."),
            good("In 2019 we will open a new office."),
            good("Yesterday I will not forget."),
            good("I will never forget what happened yesterday."),
        ),
    ),
    TRIGGER,
    check,
)
