"""What writers do with suggestions, counted per rule and per tone in hourly buckets.

Only counts are kept: a rule id, a tone name, an action and the hour, never any text. In
memory by default (bounded to :data:`KEEP_HOURS`); in Redis when ``ADDIN_REDIS_URL`` is set,
so every instance counts into, and reports from, the same buckets.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from addin_server.shared_state import SharedState

ACTIONS = ("applied", "ignored", "dismissed")
KEEP_HOURS = 30 * 24
REDIS_TTL_SECONDS = 31 * 24 * 3600
REDIS_PREFIX = "penwise:feedback:"


def hour_of(timestamp: float) -> int:
    """The hour bucket (hours since the epoch) of a Unix ``timestamp``."""
    return int(timestamp // 3600)


@dataclass
class Tally:
    """How often one rule's (or one tone's) suggestions were applied, ignored, dismissed."""

    applied: int = 0
    ignored: int = 0
    dismissed: int = 0

    @property
    def total(self) -> int:
        """Every action counted."""
        return self.applied + self.ignored + self.dismissed

    @property
    def acceptance_rate(self) -> float:
        """Applied over all actions (0 when there were none)."""
        return self.applied / self.total if self.total else 0.0

    def add(self, action: str, count: int = 1) -> None:
        """Count ``count`` more of ``action``."""
        setattr(self, action, getattr(self, action) + count)


@dataclass
class Summary:
    """Tallies per rule id and per tone over a window."""

    rules: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    tones: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))

    def add_field(self, name: str, count: int) -> None:
        """Add a stored ``rule:<id>:<action>`` or ``tone:<tone>:<action>`` count."""
        kind, _, rest = name.partition(":")
        key, _, action = rest.rpartition(":")  # rule ids may hold ':', actions never do
        if action not in ACTIONS or not key:
            return
        if kind == "rule":
            self.rules[key].add(action, count)
        elif kind == "tone":
            self.tones[key].add(action, count)


class FeedbackStore(Protocol):
    """Where feedback counts live."""

    def record(self, rule_id: str, action: str, tone: str | None = None) -> None:
        """Count one action on a suggestion of ``rule_id`` (made in ``tone``, if any)."""

    def summary(self, since: float) -> Summary:
        """The counts from the hour of the Unix time ``since`` on."""


def _fields(rule_id: str, action: str, tone: str | None) -> list[str]:
    names = [f"rule:{rule_id}:{action}"]
    if tone:
        names.append(f"tone:{tone}:{action}")
    return names


class MemoryFeedbackStore:
    """This process's counts, thread-safe; buckets older than 30 days are dropped."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._hours: dict[int, Counter[str]] = {}

    def record(self, rule_id: str, action: str, tone: str | None = None) -> None:
        """Count one action in the current hour."""
        hour = hour_of(self._clock())
        with self._lock:
            bucket = self._hours.setdefault(hour, Counter())
            for name in _fields(rule_id, action, tone):
                bucket[name] += 1
            for old in [h for h in self._hours if h <= hour - KEEP_HOURS]:
                del self._hours[old]

    def add(self, hour: int, counts: dict[str, int]) -> None:
        """Merge counts into an hour's bucket (what a Redis store could not write)."""
        with self._lock:
            self._hours.setdefault(hour, Counter()).update(counts)

    def summary(self, since: float) -> Summary:
        """The counts of every hour from ``since``'s on."""
        first = hour_of(since)
        result = Summary()
        with self._lock:
            buckets = [dict(counts) for hour, counts in self._hours.items() if hour >= first]
        for counts in buckets:
            for name, count in counts.items():
                result.add_field(name, count)
        return result


class RedisFeedbackStore:
    """Counts shared by every instance: HINCRBY on ``penwise:feedback:<hour>``.

    Goes through the app's :class:`~addin_server.shared_state.SharedState`: while Redis is
    down, counts go to this process's memory (one warning per outage, from SharedState), a
    feedback request never fails for it, and summaries add both together.
    """

    def __init__(self, shared: SharedState, clock: Callable[[], float] = time.time) -> None:
        self._shared = shared
        self._clock = clock
        self._memory = MemoryFeedbackStore(clock)

    def record(self, rule_id: str, action: str, tone: str | None = None) -> None:
        """Count one action in the current hour's hash."""
        hour = hour_of(self._clock())
        names = _fields(rule_id, action, tone)

        def write(client: Any) -> None:
            key = f"{REDIS_PREFIX}{hour}"
            pipe = client.pipeline(transaction=False)
            for name in names:
                pipe.hincrby(key, name, 1)
            pipe.expire(key, REDIS_TTL_SECONDS)
            pipe.execute()

        self._shared.run(write, lambda: self._memory.add(hour, dict.fromkeys(names, 1)))

    def summary(self, since: float) -> Summary:
        """The counts of every hour from ``since``'s to now, from Redis and memory."""
        first, last = hour_of(since), hour_of(self._clock())

        def read(client: Any) -> list[dict[bytes, bytes]]:
            pipe = client.pipeline(transaction=False)
            for hour in range(first, last + 1):
                pipe.hgetall(f"{REDIS_PREFIX}{hour}")
            return pipe.execute()

        result = self._memory.summary(since)
        buckets: list[dict[bytes, bytes]] = self._shared.run(read, list)
        for bucket in buckets:
            for name, count in bucket.items():
                result.add_field(name.decode("utf-8", "replace"), int(count))
        return result


def build_feedback_store(shared: SharedState) -> FeedbackStore:
    """The Redis store when ``ADDIN_REDIS_URL`` is set, else the in-memory one."""
    return RedisFeedbackStore(shared) if shared.configured else MemoryFeedbackStore()
