"""What a rule is: metadata with its own examples, and a ``find`` over a :class:`Document`.

Rules know nothing of engines or HTTP. Each rule lives in its own module (one per file, as in
Harper and proselint) and carries examples of text it must flag, with the expected fix, and
text it must leave alone (as LanguageTool's ``Example.wrong``/``Example.fixed``); one
parametrized test runs every rule's examples.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple, Protocol

from addin_server.messages.catalog import Message, english
from addin_server.records import Category, Issue, Severity, Span
from addin_server.text.protected import ProtectedIndex, protected_spans
from addin_server.text.sentences import sentence_spans
from addin_server.text.words import WORD


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence a rule must flag (``fixed`` is the text after its first fix, if it has
    one), or, with ``flags=False``, a sentence it must leave alone."""

    text: str
    fixed: str | None = None
    flags: bool = True


def bad(text: str, fixed: str | None = None) -> Example:
    """An example the rule must flag; ``fixed`` is what its first replacements give."""
    return Example(text, fixed, True)


def good(text: str) -> Example:
    """An example the rule must not flag."""
    return Example(text, None, False)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """A rule's stable id (``style.wordiness``), what it checks, and its examples."""

    id: str
    description: str
    category: Category
    kind: str
    severity: Severity
    examples: tuple[Example, ...]
    # A rule that flags whole sentences (or more) gives notes that may contain other issues:
    # they are merged apart so they neither hide nor are hidden by the issues inside them.
    region: bool = False


class Word(NamedTuple):
    """A word of the document and where it is; ``key`` is its lowercase form with straight
    apostrophes, for looking it up in tables. (A tuple, not a dataclass: a document has
    thousands of words and every rule walks them.)"""

    text: str
    start: int
    end: int
    key: str

    @property
    def span(self) -> Span:
        """Where the word is."""
        return Span(self.start, self.end)


@dataclass
class Document:
    """The text a rule looks at, with analyses computed once and shared by every rule."""

    text: str
    language: str = "en-US"
    params: Mapping[str, Any] = field(default_factory=dict)
    # Analyses several rules share (e.g. parses), made by the first rule that needs them.
    shared: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    # The protected stretches, when the caller has already found them (the engine does).
    known_protected: ProtectedIndex | None = field(default=None, repr=False, compare=False)

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence spans, in order."""
        return sentence_spans(self.text)

    @cached_property
    def words(self) -> list[Word]:
        """Words (letters, digits, inner apostrophes), in order."""
        return [
            Word(found, m.start(), m.end(), found.lower().replace("’", "'"))
            for m in WORD.finditer(self.text)
            for found in (m.group(),)
        ]

    @cached_property
    def protected(self) -> ProtectedIndex:
        """URLs, e-mail addresses, inline code and identifiers: no rule flags inside them."""
        return self.known_protected or ProtectedIndex(protected_spans(self.text))

    @cached_property
    def word_positions(self) -> dict[str, list[int]]:
        """Where each word (by key) stands in :attr:`words`."""
        positions: dict[str, list[int]] = {}
        for index, word in enumerate(self.words):
            positions.setdefault(word.key, []).append(index)
        return positions

    @cached_property
    def pair_positions(self) -> dict[tuple[str, str], list[int]]:
        """Where each pair of neighbouring words (by key) starts in :attr:`words`."""
        positions: dict[tuple[str, str], list[int]] = {}
        keys = [word.key for word in self.words]
        for index, pair in enumerate(itertools.pairwise(keys)):
            positions.setdefault(pair, []).append(index)
        return positions

    @cached_property
    def sentence_words(self) -> list[list[Word]]:
        """The words of each sentence of :attr:`sentences`, in order."""
        grouped: list[list[Word]] = [[] for _ in self.sentences]
        index = 0
        sentences = self.sentences
        for word in self.words:
            while index < len(sentences) and sentences[index].end <= word.start:
                index += 1
            if index == len(sentences):
                break
            if sentences[index].start <= word.start:
                grouped[index].append(word)
        return grouped

    def slice(self, span: Span) -> str:
        """The text of ``span``."""
        return self.text[span.start : span.end]

    def param(self, name: str, default: Any) -> Any:
        """A rule parameter (``long_sentence_words``...), or ``default`` when unset."""
        return self.params.get(name, default)


class Rule(Protocol):
    """A check of our own: its metadata and how it finds issues."""

    info: RuleInfo

    def find(self, document: Document) -> Iterable[Issue]:
        """Yield the issues of this rule in ``document``."""
        ...


def make_issue(
    info: RuleInfo, span: Span, message: Message | str, replacements: Iterable[str] = ()
) -> Issue:
    """An issue of the rule ``info`` with its category, kind and severity; ``message`` is one
    of the tables' (a text is taken as it is, untranslated: a style guide's own words)."""
    found = message if isinstance(message, Message) else Message("")
    return Issue(
        rule_id=info.id,
        category=info.category,
        kind=info.kind,
        message=english(found) if found.id else str(message),
        span=span,
        replacements=tuple(replacements),
        severity=info.severity,
        description=info.description,
        message_id=found.id,
        params=found.params,
    )
