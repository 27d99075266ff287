"""Counters, small values and the Redis outbox of one machine, in one SQLite file.

What the worker processes of a server count together: rate-limit windows, daily model
budgets, feedback, the model's circuit state. A counter is a key with fields (a key of one
count uses the field ``""``), each with the time it expires; an expired count reads as
absent and starts again from zero. The outbox keeps the counts that could not be written to
Redis while it was away, until they are (see :mod:`addin_server.store.counts_redis`).
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from addin_server.store.database import KEYS_PER_QUERY, Database, marks

FILE_NAME = "counts.sqlite3"
SCHEMA = """
CREATE TABLE IF NOT EXISTS counts (
    key TEXT NOT NULL, field TEXT NOT NULL, value INTEGER NOT NULL, expires REAL NOT NULL,
    PRIMARY KEY (key, field)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS facts (
    name TEXT PRIMARY KEY, value TEXT NOT NULL, expires REAL NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS outbox (
    id TEXT PRIMARY KEY, key TEXT NOT NULL, fields TEXT NOT NULL, ttl INTEGER NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_by_key ON outbox (key);
"""
# One write in this many also drops what has expired (a full scan of a small table).
PURGE_ONE_IN = 512

# A new count, or one whose time ran out, starts again from the amount; an existing one
# grows and keeps the later of the two expiry times (as Redis's EXPIRE after INCRBY does),
# or, for a rate-limit window, the window's own end.
_ADD = """
INSERT INTO counts (key, field, value, expires) VALUES (:key, :field, :amount, :expires)
ON CONFLICT (key, field) DO UPDATE SET
    value = CASE WHEN expires <= :now THEN excluded.value ELSE value + excluded.value END,
    expires = CASE WHEN expires <= :now THEN excluded.expires ELSE {keep} END
RETURNING value, expires
"""
_ADD_REFRESHING = _ADD.format(keep="max(expires, excluded.expires)")
_ADD_IN_WINDOW = _ADD.format(keep="expires")


@dataclass(frozen=True, slots=True)
class Pending:
    """A count Redis has not taken yet: its id makes a second write of it a no-op."""

    id: str
    key: str
    fields: dict[str, int]
    ttl: int


class LocalCounts:
    """The machine's counters in ``folder/counts.sqlite3``; times are wall-clock seconds."""

    def __init__(self, folder: Path, clock: Callable[[], float] = time.time) -> None:
        self.database = Database(folder / FILE_NAME, SCHEMA)
        self._clock = clock

    def add(self, key: str, fields: Mapping[str, int], ttl: float) -> dict[str, int]:
        """Add each field's amount to ``key`` (expiring ``ttl`` seconds from now, or later);
        the new counts."""
        now = self._clock()
        totals = {}
        with self.database.transaction() as connection:
            for field, amount in fields.items():
                row = connection.execute(
                    _ADD_REFRESHING,
                    {
                        "key": key,
                        "field": field,
                        "amount": amount,
                        "expires": now + ttl,
                        "now": now,
                    },
                ).fetchall()  # to the end: a statement left open would hold the lock
                totals[field] = row[0][0]
            self._maybe_purge(connection.execute, now)
        return totals

    def hit(self, key: str, window: float, amount: int = 1) -> tuple[int, float]:
        """Count ``amount`` in ``key``'s window (a new one of ``window`` seconds when there is
        none); the count in the window and when it ends."""
        now = self._clock()
        connection = self.database.connection()
        params = {"key": key, "field": "", "amount": amount, "expires": now + window, "now": now}
        ((value, expires),) = connection.execute(_ADD_IN_WINDOW, params).fetchall()
        self._maybe_purge(connection.execute, now)
        return int(value), float(expires)

    def get(self, key: str) -> dict[str, int]:
        """``key``'s fields that have not expired."""
        rows = self.database.connection().execute(
            "SELECT field, value FROM counts WHERE key = ? AND expires > ?", (key, self._clock())
        )
        return dict(rows.fetchall())

    def get_many(self, keys: Sequence[str]) -> list[dict[str, int]]:
        """The fields of each of ``keys`` that have not expired, in order."""
        found: dict[str, dict[str, int]] = {key: {} for key in keys}
        connection = self.database.connection()
        for start in range(0, len(keys), KEYS_PER_QUERY):
            part = list(keys[start : start + KEYS_PER_QUERY])
            rows = connection.execute(
                f"SELECT key, field, value FROM counts WHERE key IN ({marks(part)}) "
                "AND expires > ?",
                [*part, self._clock()],
            )
            for key, field, value in rows:
                found[key][field] = value
        return [found[key] for key in keys]

    def expires(self, key: str) -> float:
        """When ``key``'s count of one (field ``""``) expires; 0 when it has none."""
        row = (
            self.database.connection()
            .execute(
                "SELECT expires FROM counts WHERE key = ? AND field = '' AND expires > ?",
                (key, self._clock()),
            )
            .fetchone()
        )
        return float(row[0]) if row else 0.0

    def clear(self, key: str) -> None:
        """Forget ``key``."""
        self.database.connection().execute("DELETE FROM counts WHERE key = ?", (key,))

    def _maybe_purge(self, execute: Callable[..., object], now: float) -> None:
        if random.randrange(PURGE_ONE_IN) == 0:
            execute("DELETE FROM counts WHERE expires <= ?", (now,))
            execute("DELETE FROM facts WHERE expires <= ?", (now,))

    # --- small values (the model's circuit, which store answers) ---

    def fact(self, name: str) -> str | None:
        """The value stored under ``name``, if it has not expired."""
        row = (
            self.database.connection()
            .execute(
                "SELECT value FROM facts WHERE name = ? AND expires > ?", (name, self._clock())
            )
            .fetchone()
        )
        return str(row[0]) if row else None

    def set_fact(self, name: str, value: str, ttl: float) -> None:
        """Store ``value`` under ``name`` for ``ttl`` seconds."""
        self.database.connection().execute(
            "INSERT OR REPLACE INTO facts (name, value, expires) VALUES (?, ?, ?)",
            (name, value, self._clock() + ttl),
        )

    def change_fact(self, name: str, value: str, ttl: float) -> bool:
        """Store ``value`` under ``name`` unless it is there already; whether it changed
        (of all the processes that make the same change, exactly one is told so)."""
        expires = self._clock() + ttl
        cursor = self.database.connection().execute(
            "INSERT INTO facts (name, value, expires) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value, expires = excluded.expires "
            "WHERE value IS NOT excluded.value",
            (name, value, expires),
        )
        return cursor.rowcount == 1

    # --- the outbox of counts Redis has yet to take ---

    def hold(self, pending: Pending) -> None:
        """Keep ``pending`` until Redis takes it."""
        self.database.connection().execute(
            "INSERT OR IGNORE INTO outbox (id, key, fields, ttl, created) VALUES (?, ?, ?, ?, ?)",
            (pending.id, pending.key, json.dumps(pending.fields), pending.ttl, self._clock()),
        )

    def held(self, keys: Iterable[str] | None = None, limit: int = 1_000) -> list[Pending]:
        """What is held (for ``keys`` only, when given), oldest first."""
        connection = self.database.connection()
        if keys is None:
            rows = connection.execute(
                "SELECT id, key, fields, ttl FROM outbox ORDER BY created LIMIT ?", (limit,)
            )
        else:
            wanted = list(keys)
            rows = connection.execute(
                f"SELECT id, key, fields, ttl FROM outbox WHERE key IN ({marks(wanted)})", wanted
            )
        return [Pending(id, key, json.loads(fields), ttl) for id, key, fields, ttl in rows]

    def holds_any(self) -> bool:
        """Whether anything waits for Redis."""
        connection = self.database.connection()
        return connection.execute("SELECT 1 FROM outbox LIMIT 1").fetchone() is not None

    def release(self, ids: Iterable[str]) -> None:
        """Forget what Redis has taken."""
        with self.database.transaction() as connection:
            connection.executemany("DELETE FROM outbox WHERE id = ?", [(id,) for id in ids])
