"""grammar.final_punctuation: a text whose last sentence stops without a full stop ("We must
trust ourselves"): a sentence ends with one.

Only a sentence that is plainly one: it runs to at least :data:`MIN_WORDS` words on one
line, by the parse a finite verb with its own subject heads it, and it is not in title case
or opened by "how", "what", "why"..., so a heading ("How we test our rules"), a label, a
sign-off ("Best,\\nSam") or a list item is left alone. A text ending in a quotation, a
closing bracket, an emoticon, a link or chat's "lol" is left alone too.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

TRIGGER = trigger(r"\G[^\n]*[a-z]\Z")
MIN_WORDS = 4
# Headings and titles often open with these and have a verb and subject all the same.
_HEADING_OPENERS = frozenset("how why what when where who which".split())
_FINITE = frozenset(("VBD", "VBP", "VBZ", "MD"))
# Chat sign-offs that end a message in place of a full stop ("I forgot my charger lol").
_CHAT_ENDINGS = frozenset(
    "lol lmao rofl haha hahaha hehe xd btw thx pls plz asap imo tbh ok".split()
)


def _clause(parse: Parse) -> bool:
    """Whether a finite verb with its own subject heads the sentence."""
    root = next((t for t in parse.tokens if t.dep == "ROOT"), None)
    if root is None or not root.tag.startswith("VB"):
        return False
    children = parse.children(root.i)
    finite = root.tag in _FINITE or any(
        c.tag in _FINITE for c in children if c.dep in ("aux", "auxpass")
    )
    return finite and any(c.dep in ("nsubj", "nsubjpass", "csubj", "expl") for c in children)


def _title(words: list[Token]) -> bool:
    """Whether most words past the first are capitalised, as in a title ("Nights: What You
    Need to Know")."""
    capitalised = [w.text[:1].isupper() for w in words[1:] if w.text.isalpha()]
    return sum(capitalised) * 2 > len(capitalised)


def check(parse: Parse) -> Iterator[Finding]:
    """Flag a text's last sentence that lacks its full stop."""
    words = [t for t in parse.tokens if t.text.isalnum()]
    if len(words) < MIN_WORDS or _title(words) or words[0].lower in _HEADING_OPENERS:
        return
    if not _clause(parse):
        return
    last = parse.tokens[-1]
    if not last.text.isalpha() or last.tag == "UH" or last.lower in _CHAT_ENDINGS:
        return
    fixed = last.text + "."
    yield Finding(last.start, last.end, message("grammar.final_punctuation"), (fixed,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.final_punctuation",
        description="A text whose last sentence has no full stop.",
        category=Category.CORRECTNESS,
        kind="punctuation",
        severity=Severity.WARNING,
        examples=(
            bad("We must trust ourselves in the end", "We must trust ourselves in the end."),
            bad(
                "It rained. The roads were closed for the whole day",
                "It rained. The roads were closed for the whole day.",
            ),
            good("We must trust ourselves in the end."),
            good("How we test our rules"),
            good("Getting started with the server and its settings"),
            good("Best,\nSam"),
            good("Thanks for sending the numbers, we will look at them :)"),
            good("The results are at https://example.com/results"),
            good("Why We Write The Way We Do Every Day"),
            good("Is it right?"),
            good("What we learned this year"),
            good("I forgot my charger lol"),
            good("Nights: What You Need to Know"),
            bad("We must trust ourselves", "We must trust ourselves."),
        ),
    ),
    TRIGGER,
    check,
    where="last",
)
