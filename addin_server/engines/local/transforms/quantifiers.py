"""Informal quantities for formal text: "a lot of people" -> "many people", "lots of time" ->
"a great deal of time", "a lot of the work" -> "much of the work".

Count nouns take "many", mass nouns "a great deal of": a bare "much" belongs in questions and
negatives, and in a plain statement it reads as an error ("A lot of fun!" is not "Much
fun!"). Before a determiner, "much of" is idiomatic either way. Without a parser, a
plural-looking noun (or one of the common irregular plurals) counts as a count noun.
"""

from __future__ import annotations

import regex

from addin_server.records import Edit, Span
from addin_server.rules.base import Document
from addin_server.rules.editing import replacement_edit
from addin_server.text.diff import apply_edits

_QUANTITY = regex.compile(
    r"(?<![\w'’-])(?:a\s+lot|lots|tons|loads|heaps)\s+of(?=\s+(\w+)(?:\s+(\w+))?)",
    regex.IGNORECASE,
)
_DETERMINERS = frozenset(
    "the these those this that my our your their his her its them us you".split()
)
_IRREGULAR_PLURALS = frozenset(
    "people children men women feet teeth mice geese police cattle data criteria".split()
)
_NOT_PLURAL = ("ss", "us", "is", "ics", "news")


def _is_plural(word: str) -> bool:
    word = word.lower()
    if word in _IRREGULAR_PLURALS:
        return True
    return len(word) > 3 and word.endswith("s") and not word.endswith(_NOT_PLURAL)


def formal_quantities(text: str) -> str:
    """Replace "a lot of"/"lots of"/"tons of" with "many" or "a great deal of" ("many of" or
    "much of" before a determiner)."""
    document = Document(text)
    edits = []
    for match in _QUANTITY.finditer(text):
        span = Span(match.start(), match.end())
        if document.protected.touches(span):
            continue
        first, second = match.group(1), match.group(2) or ""
        noun = second if first.lower() in _DETERMINERS else first
        if first.lower() in _DETERMINERS:
            quantity = "many of" if _is_plural(noun) else "much of"
        else:
            quantity = "many" if _is_plural(noun) else "a great deal of"
        edit_span, replacement = replacement_edit(text, span, quantity)
        edits.append(Edit(edit_span, replacement))
    return apply_edits(text, edits)
