"""grammar.tense.past_time: a present-tense verb in a clause that a past-time adverb
places in the past ("She call me yesterday", "Last week they move house", "He lead the
team two years ago", "In 2019 I visit Paris"): the verb wants its past form.

Only the verb the adverb modifies (by the parse), with a subject of its own and no
auxiliary; "yesterday's news", "the day before yesterday" and clauses reporting the present
("Yesterday I learnt that he lives here": "lives" is not the verb "yesterday" modifies)
are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse
from addin_server.rules.english.tense import PAST_TIME_PATTERN, past_form, past_time
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

TRIGGER = trigger(PAST_TIME_PATTERN)


def check(parse: Parse) -> Iterator[Finding]:
    """Flag present-tense verbs that a past-time adverb modifies."""
    for token in parse.tokens:
        if not past_time(parse, token):
            continue
        verb = parse.tokens[token.head]
        if verb.tag not in ("VBZ", "VBP") or verb.dep in ("aux", "auxpass"):
            continue
        children = parse.children(verb.i)
        if any(c.dep in ("aux", "auxpass") for c in children):
            continue  # "has been", "will go": another tense, another fix
        if not any(c.dep in ("nsubj", "nsubjpass") and c.i < verb.i for c in children):
            continue
        past = past_form(verb)
        if past is None:
            continue
        fixed = match_case(verb.text, past)
        said = message("grammar.tense.past_time", time=token.text, fixed=fixed)
        yield Finding(verb.start, verb.end, said, (fixed,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.tense.past_time",
        description="A present-tense verb with a past-time adverb (“She call me yesterday”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("She call me yesterday.", "She called me yesterday."),
            bad("Last week they move to a new flat.", "Last week they moved to a new flat."),
            bad("He lead the project three years ago.", "He led the project three years ago."),
            bad("I am at home yesterday.", "I was at home yesterday."),
            bad("My parents buy a car last month.", "My parents bought a car last month."),
            good("She called me yesterday."),
            good("Yesterday's news is old."),
            good("Yesterday I learnt that he lives here."),
            good("We will meet again next week."),
            good("He has lived here since last year."),
            good("The report that came out last week says prices rise."),
            good("It was the day before yesterday."),
            bad("In 2019 I visit Paris.", "In 2019 I visited Paris."),
            good("In 2090 we travel to Mars."),
            good("In 2019 dollars, the cost is high."),
        ),
    ),
    TRIGGER,
    check,
)
