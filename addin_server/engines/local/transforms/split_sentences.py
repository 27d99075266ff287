"""Split long sentences at safe joints, for the "simple" rewrite.

A joint is safe when both halves stand as sentences: a semicolon between clauses, ", but"
or ", yet" before a clause, and ", and" or ", so" followed by a subject pronoun ("..., and we
left" -> "... . We left"). Each half must keep at least ``MIN_WORDS`` words.
"""

from __future__ import annotations

import regex

from addin_server.records import Edit, Span
from addin_server.rules.base import Document
from addin_server.text.diff import apply_edits
from addin_server.text.words import WORD

SIMPLE_SENTENCE_WORDS = 20
MIN_WORDS = 5
_SUBJECTS = "i|we|you|they|he|she|it|this|that|there|these|those"
_JOINT = regex.compile(
    rf"""
      ;\s+(?:however,\s+)?(?=\w)                        # "; " between clauses
    | ,\s+(?:but|yet)\s+(?=\w)                           # ", but ..."
    | ,\s+(?:and|so)\s+(?=(?:{_SUBJECTS})\b)              # ", and we ..."
    """,
    regex.IGNORECASE | regex.VERBOSE,
)
_KEEP_WORD = regex.compile(r"[,;]\s+(but|yet|so|however)", regex.IGNORECASE)


def split_long_sentences(text: str, limit: int = SIMPLE_SENTENCE_WORDS) -> str:
    """Split every sentence longer than ``limit`` words at its safe joints."""
    document = Document(text)
    edits = []
    for sentence, words in zip(document.sentences, document.sentence_words, strict=True):
        if len(words) <= limit:
            continue
        last_cut = sentence.start
        for joint in _JOINT.finditer(text, sentence.start, sentence.end):
            span = Span(joint.start(), joint.end())
            if document.protected.touches(span):
                continue
            before = len(WORD.findall(text, last_cut, joint.start()))
            after = len(WORD.findall(text, joint.end(), sentence.end))
            if before < MIN_WORDS or after < MIN_WORDS:
                continue
            edits.append(_joint_edit(text, joint))
            last_cut = joint.end()
    return apply_edits(text, edits)


def _joint_edit(text: str, joint: regex.Match[str]) -> Edit:
    """End the sentence at ``joint``; the next one opens with "But"/"So"/"However," when the
    joint had it, else with its own first word, capitalised."""
    first = joint.end()
    kept = _KEEP_WORD.match(joint.group())
    if kept:
        word = kept.group(1).capitalize()
        separator = ", " if word == "However" else " "
        return Edit(Span(joint.start(), first), ". " + word + separator)
    return Edit(Span(joint.start(), first + 1), ". " + text[first].upper())
