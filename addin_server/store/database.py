"""One SQLite file in WAL mode, shared by the processes of one server: a connection per
thread of each process.

WAL lets readers run beside the one writer, and a transaction is all or nothing even when a
process is killed in the middle of it (SIGKILL, the OOM killer): the next reader finds the
last committed state. ``synchronous=OFF`` leaves flushing to the operating system: the
folder lives as long as the server does, so only a crash of the machine could lose a write,
and a new server starts with a new folder then. A connection is never carried over a fork
(SQLite forbids it): the connections of a process are closed before it forks, and a process
opens its own on first use.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

# A writer waits this long for another process's transaction (they take microseconds).
BUSY_MILLISECONDS = 5_000
# Each connection's own page cache, in KiB; reads of a larger file go through mmap, whose
# pages every process shares.
PAGE_CACHE_KIB = 256

# SQLite takes at most 32,766 values in one statement: lists of keys go in parts this long.
KEYS_PER_QUERY = 500

_open_databases: weakref.WeakSet[Database] = weakref.WeakSet()


def marks(values: Sequence[object]) -> str:
    """``?,?,?``: a place for each of ``values`` in a statement."""
    return ",".join("?" * len(values))


class Database:
    """A SQLite file with ``schema``; :meth:`connection` is this thread's connection."""

    def __init__(self, path: Path, schema: str, *, pragmas: tuple[str, ...] = ()) -> None:
        self.path = path
        self._pragmas = pragmas
        self._local = threading.local()
        self._lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._pid = os.getpid()
        _open_databases.add(self)
        connection = self.connection()
        connection.execute("PRAGMA journal_mode=WAL")
        connection.executescript(schema)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use (in this process)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None and self._local.pid == os.getpid():
            return connection
        connection = sqlite3.connect(
            self.path,
            timeout=BUSY_MILLISECONDS / 1000,
            isolation_level=None,  # autocommit; transactions are explicit
            check_same_thread=False,  # closed before a fork by the forking thread
        )
        connection.execute("PRAGMA synchronous=OFF")
        connection.execute(f"PRAGMA cache_size=-{PAGE_CACHE_KIB}")
        for pragma in self._pragmas:
            connection.execute(f"PRAGMA {pragma}")
        self._local.connection, self._local.pid = connection, os.getpid()
        with self._lock:
            if self._pid != os.getpid():  # the connections listed are another process's
                self._connections, self._pid = [], os.getpid()
            self._connections.append(connection)
        return connection

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``), committed unless an error leaves it."""
        connection = self.connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def close(self) -> None:
        """Close this process's connections (another thread's next use opens a new one)."""
        with self._lock:
            connections = self._connections if self._pid == os.getpid() else []
            self._connections = []
        for connection in connections:
            connection.close()
        self._local = threading.local()


def close_databases(folder: Path | None = None) -> None:
    """Close this process's connections to every database (in ``folder``, when given): before
    a fork, and before a folder is removed (Windows keeps open files)."""
    for database in list(_open_databases):
        if folder is None or database.path.parent == folder:
            database.close()


def _close_before_fork() -> None:
    close_databases()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(before=_close_before_fork)
