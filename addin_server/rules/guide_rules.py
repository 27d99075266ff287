"""The rule kinds of an organisation's style guide (``guide.<name>``), built by
:mod:`rules.guide` from its YAML file or from a request's ``style_guide``."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from addin_server.messages.catalog import message
from addin_server.records import Category, Issue, Severity, Span
from addin_server.rules.base import Document, Example, RuleInfo, bad, good, make_issue
from addin_server.rules.editing import at_sentence_start, replacement_edit
from addin_server.rules.kinds import PhraseIndex, PhraseMatch

# Words before a verb ("to login", "please login", "you can login") and, at the start of a
# sentence, words after an imperative ("Login to your account").
_BEFORE_A_VERB = frozenset(
    """to please can cannot can't could couldn't will won't would wouldn't shall should
    shouldn't may might must mustn't do don't does doesn't did didn't not never i you we
    they then and or first also just""".split()
)
_AFTER_AN_IMPERATIVE = frozenset("to with into using from here now again as".split())
# Every style-guide rule's id starts so: the house rules a check ranks and a rewrite applies.
GUIDE_PREFIX = "guide."


def is_guide_rule(rule_id: str) -> bool:
    """Whether ``rule_id`` is a rule of the organisation's (or the request's) style guide."""
    return rule_id.startswith(GUIDE_PREFIX)


def guide_info(name: str, description: str, examples: tuple[Example, ...]) -> RuleInfo:
    """The metadata every style-guide rule shares."""
    return RuleInfo(
        id=f"{GUIDE_PREFIX}{name}",
        description=description,
        category=Category.STYLE,
        kind="style_guide",
        severity=Severity.WARNING,
        examples=examples,
    )


@dataclass
class PreferredTermRule:
    """Flag terms the guide replaces with another ("login" -> "sign in")."""

    info: RuleInfo
    use: str
    instead_of: tuple[str, ...]
    message: str | None  # the guide's own words, else ours
    as_verb: bool = False
    _index: PhraseIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = PhraseIndex(self.instead_of)

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one issue per term to replace."""
        words = document.words
        for match in self._index.find(document):
            if self.as_verb and not _used_as_verb(document, match):
                continue
            span = Span(words[match.first].span.start, words[match.last].span.end)
            edit, replacement = replacement_edit(document.text, span, self.use)
            term = document.slice(span)
            said = (
                message("guide.prefer", use=replacement, term=term)
                if self.message is None
                else self.message.format(term=term, use=replacement)
            )
            yield make_issue(self.info, edit, said, [replacement])


@dataclass
class BannedTermRule:
    """Flag terms the guide bans, with its message; there is no fix to offer."""

    info: RuleInfo
    terms: tuple[str, ...]
    message: str
    _index: PhraseIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = PhraseIndex(self.terms)

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one issue per banned term."""
        words = document.words
        for match in self._index.find(document):
            span = Span(words[match.first].span.start, words[match.last].span.end)
            yield make_issue(self.info, span, self.message.format(term=document.slice(span)))


@dataclass
class CapitalizationRule:
    """Flag a product name written in the wrong case ("Github" -> "GitHub")."""

    info: RuleInfo
    term: str
    _index: PhraseIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = PhraseIndex((self.term,))

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one issue per occurrence written differently from the term."""
        words = document.words
        for match in self._index.find(document):
            span = Span(words[match.first].span.start, words[match.last].span.end)
            found = document.slice(span)
            if " ".join(found.split()) == self.term:
                continue  # right, whatever the spacing
            said = message("guide.write_exactly", term=self.term, found=found)
            yield make_issue(self.info, span, said, [self.term])


def _used_as_verb(document: Document, match: PhraseMatch) -> bool:
    """Whether the matched term stands where a verb stands (a cheap guess, no parser)."""
    words, text = document.words, document.text
    start = words[match.first].span.start
    if match.first > 0:
        previous = words[match.first - 1]
        joined = not text[previous.span.end : start].strip()
        if joined and previous.key in _BEFORE_A_VERB:
            return True
    if at_sentence_start(text, start) and match.last + 1 < len(words):
        return words[match.last + 1].key in _AFTER_AN_IMPERATIVE
    return False


def term_examples(use: str, instead_of: str, as_verb: bool) -> tuple[Example, ...]:
    """Examples for a preferred-term rule: the term it replaces, and its own form."""
    if as_verb:
        return (
            bad(f"Please {instead_of} now.", f"Please {use} now."),
            good(f"Please {use} now."),
        )
    return (bad(f"See the {instead_of} page.", f"See the {use} page."), good(f"See the {use}."))


def banned_examples(term: str) -> tuple[Example, ...]:
    """Examples for a banned-term rule."""
    return (bad(f"We said {term} here."), good("We said nothing here."))


def capitalization_examples(term: str) -> tuple[Example, ...]:
    """Examples for a capitalisation rule (the wrong case is the term in lower case)."""
    wrong = term.lower() if term != term.lower() else term.upper()
    return (bad(f"We use {wrong} daily.", f"We use {term} daily."), good(f"We use {term} daily."))
