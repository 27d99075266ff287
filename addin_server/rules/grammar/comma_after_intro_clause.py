"""grammar.comma_after_intro_clause: a dependent clause that opens a sentence and runs into
the main clause without a comma ("When you are successful you will have more friends").

Chicago (6.24) and most guides put a comma after an introductory dependent clause, letting
it go only when the clause is very short. So: the sentence opens with a subordinator (when,
if, because, although, ...), the parser attaches that clause to the main verb, the clause
has at least four words, and the main clause's subject follows it directly. A clause that
ends the sentence ("We left when it rained") is not introductory and is left alone, as is
one whose boundary the parser does not show cleanly. The fix puts the comma after the
clause's last word.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse
from addin_server.rules.english.words import is_punct
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

_SUBORDINATORS = (
    "when|whenever|if|because|although|though|since|after|before|while|unless|once|until"
)
# Anchored at the sentence start, with no comma anywhere after the opening clause's first
# words: sentences that have one are punctuated already.
TRIGGER = trigger(rf"""\G\W*(?:{_SUBORDINATORS})\s[^,;:]+$""")
MIN_CLAUSE_WORDS = 4
_OPENERS = frozenset(_SUBORDINATORS.split("|"))
_SUBJECT = ("nsubj", "nsubjpass", "expl")


def check(parse: Parse) -> Iterator[Finding]:
    """Flag an opening dependent clause that the main clause follows without a comma."""
    opener = next((t for t in parse.tokens if not is_punct(t)), None)
    if opener is None or opener.lower not in _OPENERS or opener.dep not in ("mark", "advmod"):
        return
    clause_head = parse.tokens[opener.head]
    main = parse.tokens[clause_head.head]
    if clause_head.dep != "advcl" or main.dep != "ROOT" or main.i < clause_head.i:
        return
    clause = parse.subtree(clause_head.i)
    last = clause[-1]
    words = [t for t in clause if not is_punct(t)]
    if len(words) < MIN_CLAUSE_WORDS or [t.i for t in clause] != list(
        range(clause[0].i, last.i + 1)
    ):
        return  # too short, or the parser's clause is not one stretch of words
    subjects = [t for t in parse.children(main.i) if t.dep in _SUBJECT]
    following = parse.next(last.i)
    if not subjects or following is None or is_punct(following):
        return
    if min(t.i for t in parse.subtree(subjects[0].i)) != following.i:
        return  # the main clause does not start with its subject right after the clause
    yield Finding(
        last.start,
        last.end,
        message("grammar.comma_after_intro_clause"),
        (last.text + ",",),
    )


RULE = ParsedRule(
    RuleInfo(
        id="grammar.comma_after_intro_clause",
        description="No comma after a dependent clause that opens the sentence.",
        category=Category.CORRECTNESS,
        kind="punctuation",
        severity=Severity.WARNING,
        examples=(
            bad(
                "When you are successful you will have more friends.",
                "When you are successful, you will have more friends.",
            ),
            bad(
                "If it rains tomorrow we will stay at home.",
                "If it rains tomorrow, we will stay at home.",
            ),
            bad(
                "Although the rent is high we want to stay.",
                "Although the rent is high, we want to stay.",
            ),
            good("When you are successful, you will have more friends."),
            good("We stayed at home because it was raining hard."),
            good("If so we leave."),
            good("When in doubt leave it out."),
            good("Because of the rain the game was cancelled."),
            good("Since then the town has grown a great deal."),
            good("Whether he comes or not is his own business."),
            good("If you want, we can go to the park tomorrow."),
        ),
    ),
    TRIGGER,
    check,
)
