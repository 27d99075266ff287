"""Declarative rule kinds: where the logic repeats, a rule is data.

:class:`PhraseRule` flags phrases from a table (see :mod:`rules.tables`), each with its
preferred forms, a deletion, or no fix. Matching ignores case and lets any run of whitespace
stand between the words of a phrase; it never matches part of a word, a hyphenated compound,
or anything inside a URL, an e-mail address, inline code or an identifier. Fixes go through
:mod:`rules.editing`, so a replacement takes the case of what it replaces, a deletion at the
start of a sentence re-capitalises the next word, and "a"/"an" stays right.

Phrases are found by looking each word of the document up in an index keyed by a phrase's
first word, which costs one dictionary look-up per word whatever the size of the table.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from addin_server.messages.catalog import message
from addin_server.records import Issue, Span
from addin_server.rules.base import Document, RuleInfo, Word, make_issue
from addin_server.rules.editing import deletion_edit, replacement_edit
from addin_server.rules.english.casing import match_case
from addin_server.rules.tables import DATA, Phrase, load_phrases, normalise
from addin_server.text.words import WORD

__all__ = ["DATA", "Phrase", "PhraseIndex", "PhraseRule", "load_phrases"]

_JOINERS = "-'’"
# A phrase in the index: the words after its first, the separators between all its words
# (" " for any whitespace, else the exact text, such as "-"), and its key.
_Candidate = tuple[tuple[str, ...], tuple[str, ...], str]


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    """Where a phrase of the index was found: word indices (inclusive) and its key."""

    first: int
    last: int
    key: str


class PhraseIndex:
    """Find any of many phrases in a document's words, leftmost and longest first.

    Phrases of one word are looked up by that word, longer ones by their first two words,
    so a common first word ("in", "a") costs one look-up, not a try of every phrase.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        self._single: dict[str, str] = {}
        # (first word, second word) -> [(words after the second, separators, key)], longest
        # first; separators are " " for any whitespace, else the exact text, such as "-".
        self._by_pair: dict[tuple[str, str], list[_Candidate]] = {}
        for phrase in phrases:
            key = normalise(phrase)
            found = list(WORD.finditer(key))
            if len(found) == 1:
                self._single[found[0].group()] = key
            elif found:
                words = tuple(match.group() for match in found)
                gaps = (key[a.end() : b.start()] for a, b in itertools.pairwise(found))
                separators = tuple(gap if gap.strip() else " " for gap in gaps)
                pair = (words[0], words[1])
                self._by_pair.setdefault(pair, []).append((words[2:], separators, key))
        for candidates in self._by_pair.values():
            candidates.sort(key=lambda item: -len(item[0]))

    def find(self, document: Document) -> Iterator[PhraseMatch]:
        """Yield non-overlapping matches in text order (leftmost, then longest)."""
        words, text = document.words, document.text
        # Only the phrases whose first words occur are tried, and only where they occur: the
        # cost follows the matches, not the length of the text or of the table.
        best: dict[int, PhraseMatch] = {}
        for pair in self._by_pair.keys() & document.pair_positions.keys():
            for index in document.pair_positions[pair]:
                found = self._match_at(words, text, index, self._by_pair[pair])
                if found:
                    best[index] = found
        for key in self._single.keys() & document.word_positions.keys():
            for index in document.word_positions[key]:
                if index not in best:
                    found = self._bounded(words, text, index, index, self._single[key])
                    if found:
                        best[index] = found
        end = -1
        for index in sorted(best):
            if index > end:
                yield best[index]
                end = best[index].last

    @staticmethod
    def _match_at(
        words: list[Word], text: str, index: int, candidates: list[_Candidate]
    ) -> PhraseMatch | None:
        for rest, separators, key in candidates:
            last = index + 1 + len(rest)
            if last >= len(words):
                continue
            if any(words[index + 2 + n].key != word for n, word in enumerate(rest)):
                continue
            gaps = (
                text[words[index + n].end : words[index + n + 1].start]
                for n in range(len(separators))
            )
            if not all(map(_separator_fits, gaps, separators)):
                continue
            found = PhraseIndex._bounded(words, text, index, last, key)
            if found:
                return found
        return None

    @staticmethod
    def _bounded(
        words: list[Word], text: str, first: int, last: int, key: str
    ) -> PhraseMatch | None:
        """The match, unless it is part of a hyphenated or apostrophised compound."""
        start, end = words[first].start, words[last].end
        if start > 0 and text[start - 1] in _JOINERS:
            return None
        if end < len(text) and text[end] in _JOINERS:
            return None
        return PhraseMatch(first, last, key)


def _separator_fits(found: str, wanted: str) -> bool:
    if wanted == " ":
        return bool(found) and not found.strip()
    return found == wanted


@dataclass
class PhraseRule:
    """Flag phrases from ``phrases`` (key -> :class:`Phrase`), with their fixes.

    Its messages are the tables' ``<rule id>`` (a better form, ``{phrase}`` and
    ``{preferred}``), ``<rule id>.delete`` and ``<rule id>.no_fix`` (``{phrase}``): each
    kind of entry its table holds needs its message."""

    info: RuleInfo
    phrases: Mapping[str, Phrase]
    _index: PhraseIndex = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._index = PhraseIndex(self.phrases)

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one issue per phrase occurrence."""
        words, text = document.words, document.text
        for match in self._index.find(document):
            span = Span(words[match.first].span.start, words[match.last].span.end)
            entry = self.phrases[match.key]
            if document.protected.touches(span) or _ruled_out(document, match, entry):
                continue
            yield self._issue(text, span, entry)

    def _issue(self, text: str, span: Span, entry: Phrase) -> Issue:
        found = text[span.start : span.end]
        rule_id = self.info.id
        if entry.deletes:
            said = message(f"{rule_id}.delete", phrase=found)
            edit = deletion_edit(text, span)
            if edit is None:
                return make_issue(self.info, span, said)
            return make_issue(self.info, edit[0], said, [edit[1]])
        if not entry.preferred:
            return make_issue(self.info, span, message(f"{rule_id}.no_fix", phrase=found))
        edits = [replacement_edit(text, span, preferred) for preferred in entry.preferred]
        whole = Span(min(e[0].start for e in edits), max(e[0].end for e in edits))
        replacements = [
            text[whole.start : edit.start] + replacement + text[edit.end : whole.end]
            for edit, replacement in edits
        ]
        said = message(rule_id, phrase=found, preferred=match_case(found, entry.preferred[0]))
        return make_issue(self.info, whole, said, replacements)


def _ruled_out(document: Document, match: PhraseMatch, entry: Phrase) -> bool:
    """Whether a guard word stands right before or after the phrase (or a required one does
    not)."""
    words, text = document.words, document.text
    previous_key = ""
    if match.first > 0:
        previous = words[match.first - 1]
        if not text[previous.end : words[match.first].start].strip():
            previous_key = previous.key
    if previous_key in entry.not_after:
        return True
    if entry.only_after and previous_key not in entry.only_after:
        return True
    if entry.not_before and match.last + 1 < len(words):
        following = words[match.last + 1]
        gap = text[words[match.last].end : following.start]
        if not gap.strip() and following.key in entry.not_before:
            return True
    return False
