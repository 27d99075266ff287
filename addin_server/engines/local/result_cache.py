"""Where the paragraph cache keeps its results: in this process, or in the machine's store.

:class:`StoredResults` is what a server uses: one SQLite file for all its workers
(:class:`~addin_server.store.blobs.BlobCache`), so a paragraph one worker checked is a hit
on every other, and a worker restarted after a crash finds the cache warm. A result is
stored as a ``marshal`` of plain tuples and strings (``marshal`` builds no objects but
those, unlike ``pickle``). :class:`MemoryResults` keeps the results in this process only, as
a :class:`~addin_server.engines.local.engine.LocalEngine` built on its own does.
"""

from __future__ import annotations

import marshal
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from addin_server.records import Category, Issue, Severity, Span
from addin_server.store.blobs import BlobCache

# Bytes of an entry beyond its issues, as ``sys.getsizeof`` counts them on CPython 3.11 (64-bit):
# the key and its place in the map (124), the entry's tuple and size (84), the record and its
# three tuples (176). An issue beyond its strings: the record (96), its span and offsets (104),
# its tuple of replacements (40) and its place in the record's tuple (8); 8 more a replacement.
# A test holds the sum to what the entries really take (it was 1.8 times lower before).
_ENTRY_BYTES = 384
_ISSUE_BYTES = 248
# Of a stored result; another format is a miss, never a wrong answer (2: with each issue's
# message id and parameters, which say it in the writer's language).
_FORMAT = 2
_CATEGORIES = {category.value: category for category in Category}
_SEVERITIES = {severity.value: severity for severity in Severity}


@dataclass(frozen=True, slots=True)
class ParagraphResult:
    """What Harper and our paragraph rules found in one paragraph (paragraph offsets)."""

    harper: tuple[Issue, ...]
    ours: tuple[Issue, ...]
    notes: tuple[Issue, ...]

    def size(self) -> int:
        """Approximate bytes held in memory."""
        issues = (*self.harper, *self.ours, *self.notes)
        return _ENTRY_BYTES + sum(map(_issue_bytes, issues))


def _issue_bytes(issue: Issue) -> int:
    strings = (issue.rule_id, issue.kind, issue.message, issue.description, *issue.replacements)
    size = _ISSUE_BYTES + 8 * len(issue.replacements) + sum(map(sys.getsizeof, strings))
    if issue.message_id:
        size += sys.getsizeof(issue.message_id)
    if issue.params:  # the tuple of pairs, each pair and its two strings
        size += sys.getsizeof(issue.params) + sum(
            sys.getsizeof(pair) + sys.getsizeof(pair[0]) + sys.getsizeof(pair[1])
            for pair in issue.params
        )
    return size


class Results(Protocol):
    """A map of paragraph keys to results."""

    def get_many(self, keys: Sequence[bytes]) -> list[ParagraphResult | None]:
        """The result stored under each key, or ``None``."""
        ...

    def put_many(self, items: Sequence[tuple[bytes, ParagraphResult]]) -> None:
        """Store each ``(key, result)``."""
        ...


class StoredResults:
    """Results in the machine's store, shared by every worker of the server."""

    def __init__(self, blobs: BlobCache) -> None:
        self.blobs = blobs

    def get_many(self, keys: Sequence[bytes]) -> list[ParagraphResult | None]:
        """The result stored under each key, or ``None``."""
        found = self.blobs.get_many(keys)
        return [decode(found[key]) if key in found else None for key in keys]

    def put_many(self, items: Sequence[tuple[bytes, ParagraphResult]]) -> None:
        """Store each ``(key, result)``."""
        self.blobs.put_many((key, encode(result)) for key, result in items)


def encode(result: ParagraphResult) -> bytes:
    """``result`` as bytes (plain tuples and strings, marshalled)."""
    groups = (result.harper, result.ours, result.notes)
    return marshal.dumps((_FORMAT, tuple(tuple(map(_fields, group)) for group in groups)))


def decode(data: bytes) -> ParagraphResult | None:
    """The result :func:`encode` gave ``data``; ``None`` for bytes of another format."""
    try:
        version, groups = marshal.loads(data)
        if version != _FORMAT:
            return None
        harper, ours, notes = (tuple(_issue(*fields) for fields in group) for group in groups)
    except (ValueError, EOFError, TypeError, KeyError):
        return None
    return ParagraphResult(harper, ours, notes)


def _fields(issue: Issue) -> tuple[Any, ...]:
    return (
        issue.rule_id,
        issue.category.value,
        issue.kind,
        issue.message,
        issue.span.start,
        issue.span.end,
        issue.replacements,
        issue.severity.value,
        issue.description,
        issue.message_id,
        issue.params,
    )


def _issue(
    rule_id: str,
    category: str,
    kind: str,
    message: str,
    start: int,
    end: int,
    replacements: tuple[str, ...],
    severity: str,
    description: str,
    message_id: str,
    params: tuple[tuple[str, str], ...],
) -> Issue:
    return Issue(
        rule_id,
        _CATEGORIES[category],
        kind,
        message,
        Span(start, end),
        replacements,
        _SEVERITIES[severity],
        description,
        message_id,
        params,
    )


class MemoryResults:
    """A least-recently-used map in this process's memory, bounded in bytes."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[bytes, tuple[ParagraphResult, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get_many(self, keys: Sequence[bytes]) -> list[ParagraphResult | None]:
        """The result stored under each key, or ``None`` (those found become the most
        recent)."""
        return [self.get(key) for key in keys]

    def put_many(self, items: Iterable[tuple[bytes, ParagraphResult]]) -> None:
        """Store each ``(key, result)``."""
        for key, result in items:
            self.put(key, result)

    def get(self, key: bytes) -> ParagraphResult | None:
        """The result stored under ``key``, if any (it becomes the most recent)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: bytes, result: ParagraphResult) -> None:
        """Store ``result``, forgetting the least recent entries beyond the budget."""
        size = result.size()
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (result, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    @property
    def bytes_held(self) -> int:
        """Approximate bytes held."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)
