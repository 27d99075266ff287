"""A least-recently-used map of bytes to bytes on one machine, bounded in bytes: the
paragraph cache of every worker process of a server, in one SQLite file.

The bound is what the files really take: the pages the entries and their index use
(SQLite's own count), the write-ahead log and its index (``-shm``, 32 KiB). The log gets a
sixteenth of the bound (256 KiB at least): it is checkpointed at a quarter of that, and a
write stores at most :data:`ENTRIES_PER_WRITE` entries, so it never grows past its share.
Past the bound, the entries used least recently go. Reads go through mmap, so the processes
share one copy of the pages in memory.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from addin_server.store.database import KEYS_PER_QUERY, Database, marks

FILE_NAME = "cache.sqlite3"
PAGE_BYTES = 4096  # SQLite's default page
SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE, value BLOB NOT NULL, used REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS entries_by_use ON entries (used);
"""
# A hit on an entry used less than this long ago is not written down again: the order of
# use is kept to within these seconds, and a re-check of a document costs no write.
TOUCH_SECONDS = 10.0
LOG_SHARE = 16  # the log takes at most this share of the bound
MIN_LOG_PAGES = 64
INDEX_PAGES = 8  # the log's index: 32 KiB
ENTRIES_PER_WRITE = 16


class BlobCache:
    """``max_bytes`` of entries in ``folder/cache.sqlite3``, least recently used out first."""

    def __init__(
        self, folder: Path, max_bytes: int, clock: Callable[[], float] = time.time
    ) -> None:
        self.max_bytes = max_bytes
        log_pages = max(max_bytes // PAGE_BYTES // LOG_SHARE, MIN_LOG_PAGES)
        self._max_pages = max(max_bytes // PAGE_BYTES - log_pages - INDEX_PAGES, 1)
        self._clock = clock
        self.database = Database(
            folder / FILE_NAME,
            SCHEMA,
            pragmas=(
                f"wal_autocheckpoint={log_pages // 4}",
                f"journal_size_limit={log_pages * PAGE_BYTES}",
                f"mmap_size={max_bytes}",
            ),
        )

    def get_many(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """The values stored under ``keys`` (those found); they become the most recent."""
        found: dict[bytes, bytes] = {}
        now = self._clock()
        stale: list[bytes] = []
        connection = self.database.connection()
        for start in range(0, len(keys), KEYS_PER_QUERY):
            part = keys[start : start + KEYS_PER_QUERY]
            rows = connection.execute(
                f"SELECT key, value, used FROM entries WHERE key IN ({marks(part)})", part
            ).fetchall()
            for key, value, used in rows:
                found[key] = value
                if used < now - TOUCH_SECONDS:
                    stale.append(key)
        for start in range(0, len(stale), KEYS_PER_QUERY):
            part = stale[start : start + KEYS_PER_QUERY]
            connection.execute(
                f"UPDATE entries SET used = ? WHERE key IN ({marks(part)})", [now, *part]
            )
        return found

    def put_many(self, items: Iterable[tuple[bytes, bytes]]) -> None:
        """Store each ``(key, value)``, forgetting the least recent entries beyond the bound
        (a value larger than a 64th of the bound is not stored)."""
        now = self._clock()
        rows = [(key, value, now) for key, value in items if len(value) < self.max_bytes // 64]
        for start in range(0, len(rows), ENTRIES_PER_WRITE):
            with self.database.transaction() as connection:
                connection.executemany(
                    "INSERT INTO entries (key, value, used) VALUES (?, ?, ?) ON CONFLICT (key) "
                    "DO UPDATE SET value = excluded.value, used = excluded.used",
                    rows[start : start + ENTRIES_PER_WRITE],
                )
                self._evict(connection)

    def _evict(self, connection: object) -> None:
        execute = connection.execute  # type: ignore[attr-defined]
        while True:
            pages = _pages_used(execute)
            if pages <= self._max_pages:
                return
            count, size = execute("SELECT count(*), total(length(value)) FROM entries").fetchone()
            if not count:
                return
            average = size / count + 64  # a row's key, its index entry and its header
            excess = (pages - self._max_pages) * PAGE_BYTES
            doomed = min(count, math.ceil(excess / average) + 1)
            execute(
                "DELETE FROM entries WHERE id IN (SELECT id FROM entries ORDER BY used LIMIT ?)",
                (doomed,),
            )

    @property
    def bytes_held(self) -> int:
        """Bytes the entries take in the file (pages in use)."""
        return _pages_used(self.database.connection().execute) * PAGE_BYTES

    def __len__(self) -> int:
        return int(self.database.connection().execute("SELECT count(*) FROM entries").fetchone()[0])


def _pages_used(execute: Callable[..., object]) -> int:
    pages = execute("PRAGMA page_count").fetchone()[0]  # type: ignore[attr-defined]
    free = execute("PRAGMA freelist_count").fetchone()[0]  # type: ignore[attr-defined]
    return int(pages) - int(free)
