"""Spread the connections over the worker processes (issue 23, part 4).

The workers share one listening socket and the kernel gives each new connection to whichever
accepts first: with 16 kept-alive clients it split them 3 / 13 between two workers (mean
latency 0.20 s against 0.81 s), and after a worker was killed and restarted its clients had
all reconnected to the survivor, where they stayed.

So each worker publishes, in a table the parent makes before forking (shared memory every
process maps), how many connections it keeps and when it last looked. A worker accepts only
while it keeps at most one connection more than the fewest kept by a live worker, and one that
does not accept looks again every ``WAIT_SECONDS`` (the others' connections are no event it
hears of). A worker that keeps more than its share (the live workers' total split evenly, plus
one) answers its next request with ``Connection: close``, and its client reconnects to a
worker with fewer. A restarted worker starts with none, takes the next connections, and the
others give it theirs, one answer per client, within a second or so.

A worker that has not looked for ``STALE_SECONDS`` (stuck, or dead before the parent noticed)
counts for nothing, so the others never wait on it. Requests per connection are not counted:
the clients of one worker are then served at the pace of that worker, like the others'.
Measured in bench/bench_workers.py (BENCHMARKS.md, "Balance").
"""

from __future__ import annotations

import ctypes
import math
import mmap
import time
from collections.abc import Callable

STALE_SECONDS = 2.0
SLACK = 1  # connections above an even split a worker keeps before it sheds one
# Connections above the fewest a worker may keep and still accept. With none, the worker with
# the fewest could be asleep in a wait that leaves out the listener (it had more when it
# last looked) while no other takes connections either: they waited up to its next look.
ACCEPT_SLACK = 1


WAIT_SECONDS = 0.02


class _Row(ctypes.Structure):
    _fields_ = [("connections", ctypes.c_double), ("seen", ctypes.c_double)]


class WorkerTable:
    """One row per worker slot, in memory shared by the parent and every worker it forks."""

    def __init__(self, slots: int, clock: Callable[[], float] = time.monotonic) -> None:
        self._memory = mmap.mmap(-1, ctypes.sizeof(_Row) * slots)  # anonymous and shared
        self._rows = (_Row * slots).from_buffer(self._memory)
        self._clock = clock

    def share(self, slot: int) -> WorkerShare:
        """The view of worker ``slot`` (numbered from 0)."""
        return WorkerShare(self._rows, slot, self._clock)

    def clear(self, slot: int) -> None:
        """The worker of ``slot`` is gone: leave it out at once."""
        self._rows[slot].connections = 0.0
        self._rows[slot].seen = 0.0

    def counts(self) -> list[int | None]:
        """Each slot's connections, ``None`` for a worker that is not serving."""
        now = self._clock()
        return [
            int(row.connections) if now - row.seen < STALE_SECONDS else None for row in self._rows
        ]


class WorkerShare:
    """What one worker publishes and decides from the table."""

    def __init__(self, rows: ctypes.Array[_Row], slot: int, clock: Callable[[], float]) -> None:
        self._rows = rows
        self._slot = slot
        self._mine = rows[slot]
        self._clock = clock

    def report(self, connections: int) -> None:
        """Publish this worker's connections (and that it is alive)."""
        self._mine.connections = float(connections)
        self._mine.seen = self._clock()

    def leave(self) -> None:
        """This worker takes no more connections (it drains): count it out."""
        self._mine.seen = 0.0

    def may_accept(self) -> bool:
        """Whether this worker keeps no more than ``ACCEPT_SLACK`` connections above the
        fewest kept by a live worker."""
        others = self._live_others()
        return not others or self._mine.connections <= min(others) + ACCEPT_SLACK

    def over_share(self, connections: int) -> bool:
        """Whether ``connections`` is more than this worker's share plus ``SLACK``."""
        others = self._live_others()
        if not others:
            return False
        fair = math.ceil((connections + sum(others)) / (len(others) + 1))
        return connections > fair + SLACK

    def _live_others(self) -> list[float]:
        now = self._clock()
        return [
            row.connections
            for slot, row in enumerate(self._rows)
            if slot != self._slot and now - row.seen < STALE_SECONDS
        ]
