"""What idea prompts may be made of: the body's words, never a greeting, a name or a slip.

Key phrases come from the body of a text only. Before :mod:`text.keyphrases` reads it, the
text is blanked (offsets kept) where it is not the writer's matter: header lines ("Re:",
"Subject:"), a Markdown heading or a short title line, the greeting line ("Hi Dana,"), the
sign-off and the signature after it ("Thanks,\\nSam"), and every word the check flags as an
error or as a name or shorthand, so a phrase with an error is never echoed ("Explain thanks
alot"). Proper nouns are no key phrases either: a person is not a "scale", and "the case for
Lagos" is no idea about the text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import regex

from addin_server.engines.local.spelling import SPELLING_RULE
from addin_server.records import Category, Issue, Span
from addin_server.rules.tables import load_words
from addin_server.text.words import starts_with_list_item

SALUTATIONS = "salutations.txt"
SIGN_OFFS = "sign_offs.txt"
# A sign-off line is short: "Best wishes," and a name, not "Thanks for the numbers."
SIGN_OFF_WORDS = 4
TITLE_WORDS = 8
_HEADER = regex.compile(r"[ \t]*(?:re|fwd?|subject|from|to|cc|bcc|date|sent)[ \t]*:", regex.I)
_HEADING = regex.compile(r"[ \t]{0,3}#{1,6}[ \t]")
_LINE = regex.compile(r"[^\n]*")
_WORDS = regex.compile(r"[\p{L}']+")
# Where a tag says "proper noun", the word is left out of key phrases.
NOT_A_PHRASE_TAG = "X"


def flagged_spans(issues: Iterable[Issue]) -> list[Span]:
    """The spans of the check's issues whose words an idea must not echo: errors, names and
    shorthand (spelling notes), and anything the check would rephrase ("in order to",
    "ASAP"); notes without a fix (a passive, a long sentence) flag nothing."""
    return [
        issue.span
        for issue in issues
        if issue.category is Category.CORRECTNESS
        or issue.rule_id == SPELLING_RULE
        or issue.replacements
    ]


def body_only(text: str, flagged: Iterable[Span] = ()) -> str:
    """``text`` with its non-body lines and the ``flagged`` spans blanked, offsets kept (a
    flagged word becomes a comma and spaces, so the words around it do not join up)."""
    chars = list(text)
    for start, end in _non_body_lines(text):
        chars[start:end] = " " * (end - start)
    for span in flagged:
        chars[span.start : span.end] = "," + " " * (span.length - 1) if span.length else []
    return "".join(chars)


def without_proper_nouns(tags: Mapping[int, str]) -> dict[int, str]:
    """``tags`` with every proper noun marked as no part of a key phrase."""
    return {offset: NOT_A_PHRASE_TAG if tag == "PROPN" else tag for offset, tag in tags.items()}


def _non_body_lines(text: str) -> list[tuple[int, int]]:
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if m.end() > m.start()]
    filled = [(start, end) for start, end in lines if text[start:end].strip()]
    if not filled:
        return []
    blank = [
        (start, end)
        for start, end in filled
        if _HEADER.match(text, start, end) or _HEADING.match(text, start, end)
    ]
    first_start, first_end = filled[0]
    first = text[first_start:first_end]
    if _opens_with(first, SALUTATIONS, TITLE_WORDS) or _is_title(text, first_end, first):
        blank.append(filled[0])
    for index in range(len(filled) - 1, 0, -1):
        start, end = filled[index]
        if _opens_with(text[start:end], SIGN_OFFS, SIGN_OFF_WORDS):
            blank += filled[index:]  # the sign-off and the signature under it
            break
    return blank


def _opens_with(line: str, table: str, max_words: int) -> bool:
    words = [word.lower() for word in _WORDS.findall(line)]
    if not words or len(words) > max_words or line.rstrip()[-1:] in ".?!":
        return False
    known = load_words(table)
    return any(" ".join(words[:size]) in known for size in (1, 2, 3))


def _is_title(text: str, end: int, line: str) -> bool:
    """A short first line without a sentence's end, followed by a blank line or a list."""
    words = _WORDS.findall(line)
    if not words or len(words) > TITLE_WORDS or line.rstrip()[-1:] in ".?!:,;":
        return False
    rest = text[end:]
    return rest.startswith(("\n\n", "\r\n\r\n")) or (
        rest.startswith("\n") and starts_with_list_item(rest[1:])
    )
