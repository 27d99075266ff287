"""grammar.verb_form.gerund_complement: a verb that takes "-ing", given "to" and the base
form ("I enjoy to swim", "She suggested to go", "We avoid to eat"), and "spend time to"
("I spent hours to solve it"): the verb after them is a gerund.

By the parse: the infinitive is the verb's own complement (``xcomp``), right after it (or,
for "spend", right after the time or money spent), and the verb is active ("He is
considered to be the best" is right). Verbs that take either form ("start", "like",
"try", "stop", "remember") are not on the list.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

GERUND_VERBS = frozenset(
    """avoid enjoy consider finish suggest mind postpone delay risk quit appreciate dislike
    practise practice recommend miss deny""".split()
)
_SPENT = frozenset(
    """time hours minutes days weeks months years money lot life evening weekend night
    morning afternoon""".split()
)
TRIGGER = trigger(
    r"""\b(?:avoid|enjoy|consider|finish|suggest|mind|postpone|delay|risk|quit|appreciate
         |dislike|practi[sc]e|recommend|miss|deny)(?:s|es|ed|d|ing)?\s+to\s+\w
    | \b(?:spend|spends|spent|spending)\s[^.;!?]{1,40}?\bto\s+\w"""
)


def _gerund(verb: Token) -> str | None:
    if verb.tag != "VB" or not inflection.is_known(verb.lower, "VERB"):
        return None
    return inflection.verb_forms(inflection.lemma(verb.lower, "VERB")).gerund


def _spent_on(parse: Parse, head: Token, to: Token) -> bool:
    """ "spent (a lot of) time to solve": "to" right after the time or money spent."""
    objects = [c for c in parse.children(head.i) if c.dep == "dobj" and c.i < to.i]
    if not objects:
        return False
    words = parse.subtree(objects[-1].i)
    return words[-1].i == to.i - 1 and any(w.lower in _SPENT for w in words)


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "to" + base form where the verb before wants a gerund."""
    for verb in parse.tokens:
        if verb.dep != "xcomp" or verb.i < 2:
            continue
        to = parse.tokens[verb.i - 1]
        if to.lower != "to" or to.tag != "TO":
            continue
        head = parse.tokens[verb.head]
        if not head.tag.startswith("VB") or any(
            c.dep in ("auxpass", "nsubjpass") for c in parse.children(head.i)
        ):
            continue
        lemma = inflection.lemma(head.lower, "VERB")
        direct = lemma in GERUND_VERBS and head.i == to.i - 1
        if not (direct or (lemma == "spend" and _spent_on(parse, head, to))):
            continue
        gerund = _gerund(verb)
        if gerund:
            said = message("grammar.verb_form.gerund_complement", verb=head.text, fixed=gerund)
            yield Finding(to.start, verb.end, said, (gerund,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.gerund_complement",
        description="“to” and a base form after a verb that takes “-ing” (“enjoy to swim”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("I enjoy to swim in the sea.", "I enjoy swimming in the sea."),
            bad("She suggested to go home.", "She suggested going home."),
            bad("We considered to leave early.", "We considered leaving early."),
            bad("We avoid to eat meat.", "We avoid eating meat."),
            bad("He finished to write the report.", "He finished writing the report."),
            bad("I spent a lot of time to solve it.", "I spent a lot of time solving it."),
            good("I enjoy swimming in the sea."),
            good("He is considered to be the best."),
            good("We decided to leave early."),
            good("I spent the money to help them."),
            good("She stopped to rest."),
            good("I would recommend it to anyone."),
            good("They suggested to him that he leave."),
        ),
    ),
    TRIGGER,
    check,
)
