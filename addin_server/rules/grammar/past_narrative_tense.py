"""grammar.tense.past_narrative: a present-tense verb in a clause a past narrative has
already placed in the past: joined by "and" to a past verb with the same subject ("I went to
the shop and buy milk"), or after "when I was ..." ("When I was young, I play football").
Verbs of state ("want", "know", "love") may hold now and are left alone after "and".

By the parse, and only where it is sure: the present verb shares its subject with the past
verb (no subject or auxiliary of its own: "I went there and I love it" may be about now),
and "when" opens a clause whose verb is "was" or "were" with a subject. A verb joined to a
present one that "yesterday" or "last week" modifies ("Yesterday I go to school and buy a
book") is past too.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.tense import past_form, past_time
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

_PAST_WORDS = r"""(?:\w+ed|went|came|saw|took|gave|made|got|had|was|were|said|told|found
    |bought|left|felt|thought|knew|ran|began|wrote|met|sent|spent|paid|lost|brought|became
    |yesterday|ago|last\s+\w+)"""
# After "and", a lowercase word that could be a present verb: no past form, no word that
# starts a noun phrase or a clause of its own.
_AFTER_AND = r"""(?:\w+ly\s+)?(?!(?:the|a|an|i|we|he|she|they|it|you|my|his|her|their|our
    |its|then|so|also|not|that|this|these|those|other|others|many|more|most|some|all|there
    |was|were|had|went|came|saw|took|gave|made|got|said|told|found|bought|left|felt|thought
    |knew|ran|began|wrote|met|sent|spent|paid|lost|brought|became)\b)(?-i:[a-z]+)\b(?<!ed)"""
TRIGGER = trigger(
    rf"""\b{_PAST_WORDS}\b[^.;!?]{{0,80}}?\band\s+{_AFTER_AND}
    | \bwhen\s+\w+\s+(?:was|were)\b"""
)
_PRESENT = frozenset(("VBP", "VBZ", "VB"))
_OWN = ("nsubj", "nsubjpass", "aux", "auxpass", "neg")
# States that may hold now after a past event ("We visited Rome and want to go back").
_STATES = frozenset(
    """want wants like likes love loves know knows think thinks believe believes hope hopes
    need needs prefer prefers understand understands remember remembers miss misses feel
    feels hate hates agree agrees wish wishes recommend recommends""".split()
)


def _past_context(parse: Parse, verb: Token) -> bool:
    """Whether ``verb`` is in the past: a past form, or modified by a past-time adverb."""
    if verb.tag == "VBD":
        return True
    return any(past_time(parse, child) for child in parse.children(verb.i))


def _joined_to_past(parse: Parse, verb: Token) -> bool:
    if verb.dep != "conj" or verb.tag not in _PRESENT or verb.lower in _STATES:
        return False
    head = parse.tokens[verb.head]
    if not head.tag.startswith("VB") or any(c.dep in _OWN for c in parse.children(verb.i)):
        return False
    if head.dep not in ("ROOT", "conj"):
        return False  # "the concepts they gave us and use them": "and" joins higher up
    if any(c.dep in ("aux", "auxpass") for c in parse.children(head.i)):
        return False  # "had gone and ...": another tense, another fix
    if verb.tag == "VB" and any(t.tag == "TO" for t in parse.tokens[head.i : verb.i]):
        return False  # "wished to live ..., and see": a second infinitive the parse misplaced
    return _past_context(parse, head)


def _after_when_was(parse: Parse, verb: Token) -> bool:
    if verb.tag not in ("VBP", "VBZ") or verb.dep != "ROOT":
        return False
    if any(c.dep in ("aux", "auxpass") for c in parse.children(verb.i)):
        return False
    for clause in parse.children(verb.i):
        if clause.dep != "advcl" or clause.lower not in ("was", "were") or clause.i > verb.i:
            continue
        children = parse.children(clause.i)
        opened = any(c.lower == "when" and c.dep == "advmod" for c in children)
        if opened and any(c.dep == "nsubj" for c in children):
            return any(c.dep == "nsubj" and c.i < verb.i for c in parse.children(verb.i))
    return False


def check(parse: Parse) -> Iterator[Finding]:
    """Flag present verbs in a clause the narrative has put in the past."""
    for verb in parse.tokens:
        if not (_joined_to_past(parse, verb) or _after_when_was(parse, verb)):
            continue
        past = past_form(verb)
        if past is None:
            continue
        fixed = match_case(verb.text, past)
        yield Finding(
            verb.start, verb.end, message("grammar.tense.past_narrative", fixed=fixed), (fixed,)
        )


RULE = ParsedRule(
    RuleInfo(
        id="grammar.tense.past_narrative",
        description="A present-tense verb in a past narrative (“I went out and buy milk”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("I went to the shop and buy milk.", "I went to the shop and bought milk."),
            bad("She came home and cooks dinner.", "She came home and cooked dinner."),
            bad(
                "When I was young, I play football every day.",
                "When I was young, I played football every day.",
            ),
            good("I went to the shop and bought milk."),
            good("I went there and I love it."),
            good("He told me to come and see."),
            good("When I was young, I played football."),
            good("I had gone home and slept."),
            good("We visited Rome and want to go back."),
            good("When it was over, we left."),
            good("I wished to live deliberately, to front only the facts, and see if I could."),
            good("We must understand the ideas they gave us and use them."),
        ),
    ),
    TRIGGER,
    check,
)
