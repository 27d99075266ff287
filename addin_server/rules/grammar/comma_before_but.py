"""grammar.comma_before_but: two independent clauses joined by "but" without a comma ("It was
late but we stayed").

Style manuals agree that a comma goes before a coordinating conjunction that joins two
independent clauses (Chicago 6.22, the Elements of Style's rule 4), allowing its omission
only when the clauses are very short. So the parser must see a subject and a verb on both
sides, each clause at least four words long; "but" joining words or phrases ("small but
useful", "not once but twice", "tried but failed") is left alone, as are "not only ... but"
and "but also". The fix puts the comma before "but".
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.words import is_punct
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

TRIGGER = trigger(r"\w\s+but\s+\w")
MIN_CLAUSE_WORDS = 4
_SUBJECT = ("nsubj", "nsubjpass", "expl")
_FINITE = frozenset(("VBZ", "VBP", "VBD", "MD"))


def _finite_clause(parse: Parse, verb: Token) -> bool:
    """Whether ``verb`` heads a clause with its own subject and a finite verb."""
    children = parse.children(verb.i)
    has_subject = any(child.dep in _SUBJECT for child in children)
    finite = verb.tag in _FINITE or any(
        child.dep in ("aux", "auxpass") and child.tag in _FINITE for child in children
    )
    return has_subject and finite


def _words(tokens: list[Token]) -> int:
    return sum(1 for token in tokens if not is_punct(token))


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "but" between two independent clauses with no comma before it."""
    for token in parse.tokens:
        if token.lower != "but" or token.dep != "cc":
            continue
        before, after = parse.previous(token.i), parse.next(token.i)
        if before is None or after is None or is_punct(before) or after.lower == "also":
            continue
        if any(t.lower == "only" for t in parse.tokens[max(0, token.i - 8) : token.i]):
            continue  # "not only ... but"
        first = parse.tokens[token.head]
        seconds = [c for c in parse.children(first.i) if c.dep == "conj" and c.i > token.i]
        if first.i > token.i or not seconds or first.pos not in ("VERB", "AUX"):
            continue
        second = seconds[0]
        if not (_finite_clause(parse, first) and _finite_clause(parse, second)):
            continue
        clause_start = min(t.i for t in parse.subtree(first.i))
        second_clause = [t for t in parse.subtree(second.i)]
        if (
            _words(list(parse.tokens[clause_start : token.i])) < MIN_CLAUSE_WORDS
            or _words(second_clause) < MIN_CLAUSE_WORDS
            or any(is_punct(t) and t.text in ",;:" for t in parse.tokens[clause_start : token.i])
        ):
            continue
        yield Finding(
            before.end,
            token.end,
            message("grammar.comma_before_but"),
            (", " + token.text,),
        )


RULE = ParsedRule(
    RuleInfo(
        id="grammar.comma_before_but",
        description="No comma before “but” joining two complete clauses.",
        category=Category.CORRECTNESS,
        kind="punctuation",
        severity=Severity.WARNING,
        examples=(
            bad(
                "The rent is very high but we want to stay here.",
                "The rent is very high, but we want to stay here.",
            ),
            bad(
                "I studied for the test but I did not pass it.",
                "I studied for the test, but I did not pass it.",
            ),
            bad(
                "It may seem strange at first but it works very well.",
                "It may seem strange at first, but it works very well.",
            ),
            good("The rent is very high, but we want to stay here."),
            good("The room was small but very comfortable."),
            good("She tried hard but failed the test anyway."),
            good("He came not once but twice."),
            good("It was late but we stayed."),
            good("Not only is it cheap but it is also fast."),
            good("It is cheap but also fast and very easy to use."),
            good("Nobody but the teacher knew the answer."),
            good("I had no choice but to wait for the next bus."),
        ),
    ),
    TRIGGER,
    check,
)
