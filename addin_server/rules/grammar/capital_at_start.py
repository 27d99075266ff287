"""grammar.capital_at_start: a text that opens with a lowercase word ("this shall affect the
exams.", "he has a lot of money"): a sentence starts with a capital.

Harper checks the capital after a full stop but not at the very start of a text, which may
be a selection that starts mid-sentence. Here the opening sentence must read as a whole one:
by the parse a verb with its own subject heads it, or it ends with a full stop, question or
exclamation mark; and it must not start with "and", "but", "or", "so" or "then" (where a
selection often begins), or with a word that is not plain English (a name like "iPhone",
a command like "npm"). Only the text's very first character counts: a Markdown list item
or an indented line is left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger
from addin_server.text.word_frequencies import FREQUENCIES

TRIGGER = trigger(r"\A(?-i:[a-z])")
# Words a selection that starts mid-sentence often begins with.
_CONTINUATIONS = frozenset("and but or nor so then because which who that than".split())
# A word rarer than this is taken for a name or a term ("git" 1.5 million in the word
# counts, "nowadays" 2.5 million, "hence" 15 million), not for an everyday English word.
MIN_COUNT = 2_000_000


def _whole_sentence(parse: Parse) -> bool:
    if parse.text.rstrip()[-1:] in (".", "!", "?"):
        return True
    root = next((t for t in parse.tokens if t.dep == "ROOT"), None)
    return root is not None and any(c.dep in ("nsubj", "nsubjpass") for c in parse.children(root.i))


def check(parse: Parse) -> Iterator[Finding]:
    """Flag a lowercase first word of a text that reads as a whole sentence."""
    first = parse.tokens[0] if parse.tokens else None
    if first is None or not first.text.isalpha() or not first.text.islower():
        return
    word = first.lower
    if word in _CONTINUATIONS or word == "i" or FREQUENCIES.count(word) < MIN_COUNT:
        return
    if len(parse.tokens) < 3 or not _whole_sentence(parse):
        return
    fixed = first.text[0].upper() + first.text[1:]
    said = message("grammar.capital_at_start", fixed=fixed)
    yield Finding(first.start, first.end, said, (fixed,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.capital_at_start",
        description="A text that opens with a lowercase word.",
        category=Category.CORRECTNESS,
        kind="punctuation",
        severity=Severity.WARNING,
        examples=(
            bad("this shall affect the exams.", "This shall affect the exams."),
            bad("he has a lot of money", "He has a lot of money"),
            bad("in one case, the data was lost.", "In one case, the data was lost."),
            good("This shall affect the exams."),
            good("and then we went home."),
            good("npm install runs the build."),
            good("iPhone sales rose."),
            good("  - install the package"),
            good("the quick brown fox"),
            good("Hello there. this is it."),
        ),
    ),
    TRIGGER,
    check,
    where="first",
)
