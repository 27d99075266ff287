"""grammar.comma_splice: two complete sentences joined by a comma alone ("It was late, we
went home").

The parser must see a subject and a finite verb on both sides; the comma must be followed by
a subject pronoun and its verb. Left alone: a first clause that opens with a subordinator
("When I arrived, it was dark"), reporting tags (", she said."), and runs of short parallel
clauses ("I came, I saw, I conquered"), which style guides accept, and a comment tagged on
at the end ("It was hard, I guess.", "It works, you know."): a parenthetical, not a second
sentence. The fix is a semicolon, or a full stop as the second choice.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

# Anchored at the sentence start (\G): one comma only, no subordinator first.
TRIGGER = trigger(
    r"""\G(?!\W*(?:if|when|whenever|because|although|though|while|since|as|unless|after
                 |before|once|until|whereas|whether|to|in|on|at|for|by|with|after)\b)
    [^,]{8,},\s+(?:i|you|he|she|it|we|they|this|there)\s+\w+[^,]*$"""
)
_SUBJECTS = frozenset("i you he she it we they this there".split())
_FINITE = frozenset(("VBZ", "VBP", "VBD", "MD"))
_SUBORDINATORS = frozenset(
    """if when whenever because although though while since as unless after before once
    until whereas whether even so but and or yet for nor then also however therefore
    thus hence consequently besides""".split()
)
# Anywhere before the comma, these make the first part a subordinate clause or a fronted one.
_SUBORDINATING = _SUBORDINATORS | frozenset(
    "that what which who whom whose where how why time times order".split()
)
# "To win, ...", "Having left, ...", "In the end, ...", and inverted conditions ("Had I
# known, ...", "Should you need help, ...").
_NOT_A_MAIN_CLAUSE_START = frozenset("TO VBG IN VBD VBZ VBP VB MD".split())
_REPORTING = frozenset(
    "say says said ask asks asked reply replies replied think thinks thought tell told "
    "add added answer answered wonder wondered explain explained write wrote".split()
)
# A subject and one of these closing the sentence is a comment on it: ", I guess.",
# ", it seems.", ", I'm afraid." (the "be" forms with their adjective).
_COMMENTS = frozenset(
    """guess suppose believe hope reckon imagine expect assume gather bet fear admit know
    mean feel agree see understand trust seems appears""".split()
)
_BE_COMMENTS = frozenset("sure afraid told".split())
_BE_FORMS = frozenset(("'m", "’m", "am", "are", "'re", "’re"))


def _has_clause(tokens: list[Token]) -> bool:
    """Whether the tokens hold a subject and a finite verb."""
    return any(t.dep in ("nsubj", "nsubjpass") for t in tokens) and any(
        t.tag in _FINITE for t in tokens
    )


def _verb_after_subject(parse: Parse, subject: Token) -> Token | None:
    token = parse.next(subject.i)
    while token is not None and token.tag == "RB":
        token = parse.next(token.i)
    return token if token is not None and token.tag in _FINITE else None


def _closing_comment(parse: Parse, verb: Token) -> bool:
    """Whether ``verb`` and what follows it are a comment closing the sentence."""
    rest = [t for t in parse.tokens[verb.i + 1 :] if t.tag != "."]
    if verb.lower in _COMMENTS:
        return not rest
    words = [t.lower for t in rest]
    return verb.lower in _BE_FORMS and len(words) == 1 and words[0] in _BE_COMMENTS


def check(parse: Parse) -> Iterator[Finding]:
    """Flag a comma between two independent clauses with no conjunction."""
    tokens = parse.tokens
    if not tokens or tokens[0].lower in _SUBORDINATORS or '"' in parse.text:
        return
    commas = [t for t in tokens if t.text == ","]
    if len(commas) != 1:
        return  # lists, parallel clauses and asides are beyond a safe call
    comma = commas[0]
    subject = parse.next(comma.i)
    if subject is None or subject.lower not in _SUBJECTS:
        return
    verb = _verb_after_subject(parse, subject)
    if verb is None or verb.lower in _REPORTING or _closing_comment(parse, verb):
        return
    before = list(tokens[: comma.i])
    opening = before[0].tag if before else ""
    if len(before) < 3 or not _has_clause(before) or opening in _NOT_A_MAIN_CLAUSE_START:
        return
    if any(t.lower in _SUBORDINATING for t in before) or before[-1].lower in _REPORTING:
        return  # ... or an unquoted quotation: "The professor said, this can change."
    word = subject.text if subject.text == "I" else subject.text.lower()
    end = subject.end
    fixes = (f"; {word}", f". {word[:1].upper()}{word[1:]}")
    yield Finding(comma.start, end, message("grammar.comma_splice"), fixes)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.comma_splice",
        description="Two sentences joined by a comma alone (a comma splice).",
        category=Category.CORRECTNESS,
        kind="punctuation",
        severity=Severity.SUGGESTION,
        examples=(
            bad("It was late, we went home.", "It was late; we went home."),
            bad("The shop was closed, it opens at nine.", "The shop was closed; it opens at nine."),
            bad("I like tea, I drink it daily.", "I like tea; I drink it daily."),
            good("It was late, so we went home."),
            good("When I arrived, it was dark."),
            good("It is late, she said."),
            good("I came, I saw, I conquered."),
            good("If you want, we can go."),
            good("The film, I think, was good."),
            good("She smiled, waving at us."),
            good("It was late; we went home."),
            good("After the meeting, we went home."),
            good("Had I known, I would have come."),
            good("What we do now, we can do later."),
            good("The professor said, this can be changed."),
            good("Every time we meet, I learn something."),
            good("To understand war, you should read history."),
            good("He said that if it rained, we would stay."),
            good("It was hard, I guess."),
            good("The plan was odd, it seems."),
            good("We were late again, I'm afraid."),
            bad("It was hard, I guess we lost.", "It was hard; I guess we lost."),
        ),
    ),
    TRIGGER,
    check,
)
