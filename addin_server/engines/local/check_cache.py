"""Remember the local engine's costly work per paragraph, so a re-check redoes only what changed.

What is remembered, per paragraph: Harper's issues and those of our rules that read one
paragraph at a time, with offsets relative to the paragraph's start. The key is a hash of the
paragraph (as written, and as our rules see it after Markdown masking) and of every option
that changes the answer: language, markup, the writer's dictionary, disabled and enabled
rules, categories, the request's style-guide rules, the engine's rule set and parameters.
Nothing else is kept: no text, only hashes and results (a result's message may quote the
flagged word, as the answer does). Where the results live is :mod:`.result_cache`'s
concern: in a server, one store for all its workers, so a paragraph any worker checked is a
hit for every other; the answer says how many paragraphs the cache served
(:class:`~addin_server.records.CacheUse`).

What is always recomputed over the whole text, because it reads across paragraphs: the
rules in :data:`CROSS_PARAGRAPH_RULES` and those about a text's first or last sentence
(:func:`reads_across`), and the cheap steps that look at words around an
issue (false alarms, spelling order, names, the merge, offensive replacements), which the
engine runs after this module. tests/engines/test_check_cache.py shows a cached answer equals
a cold one, paragraphs checked one by one included.

Paragraphs are cut where Harper sees a new paragraph anyway (after a blank line, or after a
line break that ends a sentence; never inside a Markdown code fence), as for long texts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from addin_server.engines.base import CheckOptions
from addin_server.engines.local.harper_chunks import paragraph_chunks
from addin_server.engines.local.result_cache import ParagraphResult, Results
from addin_server.observability.metrics import count_cache
from addin_server.records import CacheUse, Issue, Span
from addin_server.rules.base import Document, Rule
from addin_server.rules.runner import find_issues
from addin_server.text.protected import ProtectedIndex, protected_spans

# Rules whose answer for a paragraph depends on its neighbours: a run of sentences that open
# alike may continue over a paragraph break.
CROSS_PARAGRAPH_RULES = frozenset({"style.repeated_starts"})


# Harper's issues, ours, our notes (all in text offsets) and the ranges Harper could not check.
Finding = tuple[list[Issue], list[Issue], list[Issue], tuple[Span, ...]]


@dataclass(frozen=True, slots=True)
class Found:
    """What a check looks at: the text, as our rules see it, and the options."""

    text: str
    prose: str  # the text with Markdown masked, as our rules see it
    protected: ProtectedIndex
    language: str
    options: CheckOptions
    dictionary: frozenset[str]

    def part(self, spans: Sequence[Span]) -> Found:
        """The paragraphs at ``spans`` end to end, with the same options."""
        text = "".join(self.text[s.start : s.end] for s in spans)
        prose = "".join(self.prose[s.start : s.end] for s in spans)
        protected = ProtectedIndex(protected_spans(text))
        return replace(self, text=text, prose=prose, protected=protected)


def reads_across(rule: Rule) -> bool:
    """Whether a rule's answer for a paragraph depends on the rest of the text: a run of
    openings across paragraphs, or a text's first or last sentence (``whole_text``)."""
    return rule.info.id in CROSS_PARAGRAPH_RULES or bool(getattr(rule, "whole_text", False))


class Finder(Protocol):
    """The engine's uncached search (:meth:`LocalEngine.find`)."""

    rules: tuple[Rule, ...]
    params: Mapping[str, Any]

    def find(self, found: Found, rules: Sequence[Rule] | None = None) -> Finding:
        """Harper's issues, ours, our notes and what was not checked."""
        ...


class CachedFinder:
    """The engine's search, paragraph by paragraph through a map of ``results``."""

    def __init__(self, engine: Finder, results: Results) -> None:
        self.engine = engine
        self.cache = results
        self._engine_state = (
            [rule.info.id for rule in engine.rules],
            sorted((str(k), repr(v)) for k, v in engine.params.items()),
        )

    def find(self, found: Found) -> tuple[Finding, CacheUse]:
        """What :meth:`LocalEngine.find` returns, checking only paragraphs not seen before,
        and how many paragraphs the cache answered."""
        rules = (*self.engine.rules, *found.options.rules)
        local = tuple(rule for rule in rules if not reads_across(rule))
        across = tuple(rule for rule in rules if reads_across(rule))
        options_hash = fingerprint(found.options, (found.language, self._engine_state))
        spans = paragraph_spans(found.text, found.options.markup)
        keys = [
            paragraph_key(options_hash, found.text[s.start : s.end], found.prose[s.start : s.end])
            for s in spans
        ]
        results = self.cache.get_many(keys)
        for result in results:
            count_cache(result is not None)
        missed = [index for index, result in enumerate(results) if result is None]
        use = CacheUse(len(keys), len(keys) - len(missed))
        unchecked: list[Span] = []
        if missed:
            filled = self._check(found, [spans[i] for i in missed], local)
            if filled is None:  # an issue spans two paragraphs
                return self.engine.find(found), use
            kept = []
            for index, (result, complete) in zip(missed, filled, strict=True):
                results[index] = result
                if complete:
                    kept.append((keys[index], result))
                else:  # Harper did not get to it (a failed chunk, the deadline): not kept
                    unchecked.append(spans[index])
            self.cache.put_many(kept)
        harper: list[Issue] = []
        ours: list[Issue] = []
        notes: list[Issue] = []
        for span, result in zip(spans, results, strict=True):
            assert result is not None
            harper.extend(shifted(result.harper, span.start))
            ours.extend(shifted(result.ours, span.start))
            notes.extend(shifted(result.notes, span.start))
        if across:
            document = Document(
                found.prose, found.language, self.engine.params, known_protected=found.protected
            )
            more, more_notes = find_issues(
                across, document, found.options.disabled_rules, found.options.categories
            )
            ours.extend(more)
            notes.extend(more_notes)
        # The order an uncached search gives: Harper's by position, ours rule by rule.
        harper.sort(key=lambda issue: (issue.span.start, issue.span.end, issue.rule_id))
        order: dict[str, int] = {}
        for position, rule in enumerate(rules):
            order.setdefault(rule.info.id, position)
        ours.sort(key=lambda issue: order.get(issue.rule_id, len(order)))
        notes.sort(key=lambda issue: order.get(issue.rule_id, len(order)))
        return (harper, ours, notes, _joined(unchecked)), use

    def _check(
        self, found: Found, spans: list[Span], rules: tuple[Rule, ...]
    ) -> list[tuple[ParagraphResult, bool]] | None:
        """Check the paragraphs at ``spans`` in one go, and split the answer by paragraph,
        each with whether Harper checked all of it."""
        pieces, offset = [], 0
        for span in spans:
            pieces.append(Span(offset, offset + span.length))
            offset += span.length
        harper, ours, notes, unprocessed = self.engine.find(found.part(spans), rules)
        groups = [split_by_paragraph(issues, pieces) for issues in (harper, ours, notes)]
        if any(group is None for group in groups):
            return None
        by_harper, by_ours, by_notes = groups
        assert by_harper is not None and by_ours is not None and by_notes is not None
        return [
            (
                ParagraphResult(tuple(h), tuple(o), tuple(n)),
                not any(piece.overlaps(missing) for missing in unprocessed),
            )
            for h, o, n, piece in zip(by_harper, by_ours, by_notes, pieces, strict=True)
        ]


def paragraph_spans(text: str, markup: object) -> list[Span]:
    """The paragraphs of ``text``, each with the whitespace that follows it."""
    return [chunk.span for chunk in paragraph_chunks(text, 0, markup)]  # type: ignore[arg-type]


def fingerprint(options: CheckOptions, engine_state: object) -> bytes:
    """A hash of everything besides the paragraph that changes its result."""
    parts = (
        options.language,
        options.markup.value,
        sorted(options.dictionary),
        sorted(options.disabled_rules),
        sorted(options.enabled_rules),
        sorted(options.categories),
        [repr(rule) for rule in options.rules],
        engine_state,
    )
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def paragraph_key(options_hash: bytes, raw: str, prose: str) -> bytes:
    """The key of one paragraph: the options' hash, the paragraph and its masked form."""
    digest = hashlib.blake2b(options_hash, digest_size=16)
    digest.update(raw.encode("utf-8", "surrogatepass"))
    if prose != raw:
        digest.update(b"\0" + prose.encode("utf-8", "surrogatepass"))
    return digest.digest()


def _joined(spans: Sequence[Span]) -> tuple[Span, ...]:
    """``spans`` (in order) with touching ones made one."""
    joined: list[Span] = []
    for span in spans:
        if joined and joined[-1].end == span.start:
            joined[-1] = Span(joined[-1].start, span.end)
        else:
            joined.append(span)
    return tuple(joined)


def shifted(issues: Iterable[Issue], delta: int) -> tuple[Issue, ...]:
    """``issues`` with their spans moved by ``delta`` characters."""
    if delta == 0:
        return tuple(issues)
    return tuple(issue.shifted(delta) for issue in issues)


def split_by_paragraph(issues: Iterable[Issue], pieces: Sequence[Span]) -> list[list[Issue]] | None:
    """``issues`` of a text made of ``pieces`` end to end, grouped by the piece holding each,
    in piece offsets; ``None`` when an issue spans two pieces (nothing can be cached)."""
    grouped: list[list[Issue]] = [[] for _ in pieces]
    for issue in issues:
        index = _piece_of(issue.span.start, pieces)
        piece = pieces[index]
        if issue.span.end > piece.end:
            return None
        grouped[index].append(issue.shifted(-piece.start))
    return grouped


def _piece_of(offset: int, pieces: Sequence[Span]) -> int:
    low, high = 0, len(pieces) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if pieces[middle].start <= offset:
            low = middle
        else:
            high = middle - 1
    return low
