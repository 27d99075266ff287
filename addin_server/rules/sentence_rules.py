"""How a grammar rule is built: a cheap trigger, then a check of the parsed sentence.

A :class:`ParsedRule` names a regular expression that a sentence must match before it is
worth parsing (a homophone, a pronoun pair, a verb after "to"), and whether it needs the
sentence's dependencies or only its parts of speech (half the cost). The first parsed rule to look
at a document parses, in one batch, every sentence that any parsed rule's trigger selects,
and leaves the parses in ``document.shared`` for the others; sentences matching no trigger
are never parsed. A check works in sentence coordinates and yields :class:`Finding` records;
the rule turns them into issues at document offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal, Protocol

import regex

from addin_server.messages.catalog import Message, message
from addin_server.records import Issue, Span
from addin_server.rules.base import Document, RuleInfo, make_issue
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import PARSER, Parse, Token

_SHARED_KEY = "grammar.parses"
# Which sentences of a text a rule looks at: all, or only the first or the last (a text's
# opening capital, its closing full stop).
Where = Literal["every", "first", "last"]


class Trigger(Protocol):
    """What selects the sentences worth parsing: a compiled pattern (:func:`trigger`), or
    anything that searches a stretch of text the same way (a test of the words where a
    pattern cannot tell a noun from a verb)."""

    def search(self, string: str, pos: int, endpos: int) -> object:
        """Something true where ``string[pos:endpos]`` is worth parsing."""
        ...


# Each parsed rule's trigger, whether its sentences need dependencies or only tags, and
# which sentences it looks at.
_TRIGGERS: list[tuple[Trigger, bool, Where]] = []


@dataclass(frozen=True, slots=True)
class Finding:
    """An error inside one sentence: ``[start, end)`` in sentence offsets, its message (by
    id, see :mod:`addin_server.messages`) and its fixes."""

    start: int
    end: int
    message: Message
    replacements: tuple[str, ...] = ()


def replace_token(
    token: Token, replacement: str, message_id: str, *, end: int | None = None, **params: str
) -> Finding:
    """A finding that puts ``replacement``, in the case of ``token``, in its place (up to
    ``end``, if the fix covers the next tokens too); the message's ``{fixed}`` is the cased
    replacement."""
    fixed = match_case(token.text, replacement)
    said = message(message_id, **params, fixed=fixed)
    return Finding(token.start, token.end if end is None else end, said, (fixed,))


def trigger(pattern: str) -> regex.Pattern[str]:
    """Compile a trigger: case-insensitive, words matched whole."""
    return regex.compile(pattern, regex.IGNORECASE | regex.VERBOSE)


def parses(document: Document) -> dict[str, Parse]:
    """The parses of every sentence some trigger selects, made once per document."""
    cached = document.shared.get(_SHARED_KEY)
    if cached is None:
        full: list[str] = []
        tagged: list[str] = []
        for number, span in enumerate(document.sentences):
            needs = [
                deps
                for pattern, deps, where in _TRIGGERS
                if _at(where, number, document) and _selects(pattern, document, span)
            ]
            if needs:
                (full if any(needs) else tagged).append(document.slice(span))
        cached = {}
        if full:
            cached |= PARSER.parse_many(full)
        if tagged:
            cached |= PARSER.parse_many(tagged, dependencies=False)
        document.shared[_SHARED_KEY] = cached
    return cached


def _selects(pattern: Trigger, document: Document, span: Span) -> bool:
    return bool(pattern.search(document.text, span.start, span.end))


def _at(where: Where, number: int, document: Document) -> bool:
    """Whether sentence ``number`` is one a rule looking at ``where`` sees: the last is the
    one nothing but white space follows."""
    if where == "first":
        return number == 0
    if where == "last":
        sentences = document.sentences
        return number == len(sentences) - 1 and not document.text[sentences[-1].end :].strip()
    return True


@dataclass
class ParsedRule:
    """A rule that parses the sentences its ``trigger`` selects and runs ``check`` on them."""

    info: RuleInfo
    trigger: Trigger
    check: Callable[[Parse], Iterable[Finding]]
    # False where parts of speech are enough: the parser is skipped for those sentences.
    dependencies: bool = True
    where: Where = "every"

    def __post_init__(self) -> None:
        _TRIGGERS.append((self.trigger, self.dependencies, self.where))

    @property
    def whole_text(self) -> bool:
        """Whether the rule reads a sentence's place in the whole text (its first or last): a
        paragraph checked on its own is not the text."""
        return self.where != "every"

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield the issues ``check`` finds in the triggered sentences."""
        selected = [
            span
            for number, span in enumerate(document.sentences)
            if _at(self.where, number, document) and _selects(self.trigger, document, span)
        ]
        if not selected:
            return
        parsed = parses(document)
        for span in selected:
            sentence = parsed.get(document.slice(span))
            if sentence is not None:
                yield from _issues(self.info, span, self.check(sentence))


@dataclass
class TextRule:
    """A rule that needs no parse: ``check`` reads each sentence's text."""

    info: RuleInfo
    check: Callable[[str], Iterable[Finding]]

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield the issues ``check`` finds in each sentence."""
        for span in document.sentences:
            yield from _issues(self.info, span, self.check(document.slice(span)))


def _issues(info: RuleInfo, sentence: Span, findings: Iterable[Finding]) -> Iterator[Issue]:
    for found in findings:
        span = Span(sentence.start + found.start, sentence.start + found.end)
        yield make_issue(info, span, found.message, found.replacements)
