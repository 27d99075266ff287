"""grammar.pronoun_case: a subject pronoun in an object position, or the reverse, inside a
pair joined by "and" ("for you and I", "him and me left").

Pairs are where writers slip; a lone pronoun almost never is. The parser says which role the
pair plays: the object of a preposition or a verb takes "me/him/her/us/them", a subject takes
"I/he/she/we/they". "Me and my brother went" becomes "My brother and I went".
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

TO_OBJECT = {"i": "me", "he": "him", "she": "her", "we": "us", "they": "them"}
TO_SUBJECT = {object_form: subject for subject, object_form in TO_OBJECT.items()}
_OBJECT_ROLES = frozenset(("pobj", "dobj", "dative", "iobj"))

TRIGGER = trigger(
    r"""\band\s+(?:I|he|she|we|they)\b
    | \b(?:me|him|her|us|them)\s+and\b"""
)


def _word(token: Token) -> str:
    """The pronoun without a full stop the tokenizer left on it ("I.")."""
    return token.lower.rstrip(".")


def _pair(parse: Parse, token: Token) -> list[Token] | None:
    """The members of the two-part coordination ``token`` belongs to (head first)."""
    head = parse.tokens[token.head] if token.dep == "conj" else token
    members = [head, *[c for c in parse.children(head.i) if c.dep == "conj"]]
    joined_by_and = [c for c in parse.children(head.i) if c.dep == "cc" and c.lower == "and"]
    if len(members) != 2 or len(joined_by_and) != 1:
        return None
    return members


def check(parse: Parse) -> Iterator[Finding]:
    """Flag pronouns in a pair whose case does not fit the pair's role."""
    flagged = set()
    for finding in _by_role(parse):
        flagged.add(finding.start)
        yield finding
    for finding in _mixed_pairs(parse):
        if finding.start not in flagged:
            yield finding


def _mixed_pairs(parse: Parse) -> Iterator[Finding]:
    """ "at him and I": the parser often stumbles here, but a mixed pair after a preposition
    or a verb is plainly an object."""
    for token in parse.tokens[2:]:
        first, joiner = parse.tokens[token.i - 2], parse.tokens[token.i - 1]
        before = parse.previous(first.i)
        if (
            joiner.lower == "and"
            and first.lower in TO_SUBJECT
            and _word(token) in TO_OBJECT
            and before is not None
            and (before.tag == "IN" or before.tag.startswith("VB"))
            and not _starts_clause(parse, token)
        ):
            yield _replace(parse, token, TO_OBJECT[_word(token)], "object")


def _starts_clause(parse: Parse, pronoun: Token) -> bool:
    """ "called him and he answered": a verb after the pronoun makes it a new subject."""
    after = parse.next(pronoun.i)
    while after is not None and (after.tag == "RB" or after.lower in ("all", "both")):
        after = parse.next(after.i)
    return after is not None and (after.tag.startswith("VB") or after.tag == "MD")


def _by_role(parse: Parse) -> Iterator[Finding]:
    for token in parse.tokens:
        word = _word(token)
        if token.tag != "PRP" and word != "i":
            continue
        pair = _pair(parse, token)
        if pair is None or token not in pair:
            continue
        role = pair[0].dep
        if word in TO_OBJECT and role in _OBJECT_ROLES and not _starts_clause(parse, token):
            yield _replace(parse, token, TO_OBJECT[word], "object")
        elif word in TO_SUBJECT and role == "nsubj":
            if (
                token is pair[0]
                and word == "me"
                and pair[1].i == token.i + 2 + _gap(parse, pair[1])
            ):
                yield _me_and_noun_to_noun_and_i(parse, token, pair[1])
            else:
                yield _replace(parse, token, TO_SUBJECT[word], "subject")


def _gap(parse: Parse, other: Token) -> int:
    """How many words of the second member's phrase stand before its head ("my brother")."""
    return sum(1 for t in parse.subtree(other.i) if t.i < other.i)


def _replace(parse: Parse, token: Token, form: str, role: str) -> Finding:
    """Replace a pronoun by its ``role`` form ("subject" or "object")."""
    word = token.text.rstrip(".")
    replacement = match_case(word, form, sentence_start=token.i == 0)
    said = message(f"grammar.pronoun_case.{role}", fixed=replacement)
    return Finding(token.start, token.start + len(word), said, (replacement,))


def _me_and_noun_to_noun_and_i(parse: Parse, me: Token, other: Token) -> Finding:
    phrase = parse.subtree(other.i)
    start, end = phrase[0].start, phrase[-1].end
    words = parse.text[start:end]
    if me.i == 0:
        words = words[:1].upper() + words[1:]
    replacement = f"{words} and I"
    said = message("grammar.pronoun_case.others_first", fixed=replacement)
    return Finding(me.start, end, said, (replacement,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.pronoun_case",
        description="A pronoun in a pair that takes the wrong case (“for you and I”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad("This is for you and I.", "This is for you and me."),
            bad("Between you and I, it is fine.", "Between you and me, it is fine."),
            bad("They invited my wife and I to dinner.", "They invited my wife and me to dinner."),
            bad("She waved at him and I.", "She waved at him and me."),
            bad("The teacher praised him and I.", "The teacher praised him and me."),
            bad("Him and me left early.", "He and I left early."),
            bad("Me and my brother went home.", "My brother and I went home."),
            good("You and I should talk."),
            good("This is for you and me."),
            good("He and I left early."),
            good("I went to the store and I bought milk."),
            good("She called him and he answered."),
            good("My brother and I went home."),
            good("It was a gift from them and their children."),
            good("We thanked them and they left."),
            good("There were five people other than me and we all took the test."),
        ),
    ),
    TRIGGER,
    check,
)
