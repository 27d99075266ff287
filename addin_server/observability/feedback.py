"""What writers do with suggestions, counted per rule and per tone in hourly buckets.

Only counts are kept: a rule id, a tone name, an action and the hour, never any text. Each
hour is a key of counts (``penwise:feedback:<hour>``, kept 31 days) where the server's
workers share state: this machine's store by default, so every worker counts into, and
reports from, the same buckets; Redis with ``ADDIN_REDIS_URL``, so every instance does. While
Redis is away a summary shows only what was counted on this machine meanwhile, and says so.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from addin_server.store.shared_counts import SharedCounts

ACTIONS = ("applied", "ignored", "dismissed")
KEEP_HOURS = 30 * 24  # the longest window a summary covers
KEEP_SECONDS = 31 * 24 * 3600
PREFIX = "penwise:feedback:"


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
    # False while Redis is away: only this machine's counts since it went are shown.
    complete: bool = True

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


def _fields(rule_id: str, action: str, tone: str | None) -> list[str]:
    names = [f"rule:{rule_id}:{action}"]
    if tone:
        names.append(f"tone:{tone}:{action}")
    return names


class FeedbackStore:
    """Feedback counts in the server's shared counts (the machine's store, or Redis)."""

    def __init__(self, counts: SharedCounts, clock: Callable[[], float] = time.time) -> None:
        self._counts = counts
        self._clock = clock

    def record(self, rule_id: str, action: str, tone: str | None = None) -> None:
        """Count one action on a suggestion of ``rule_id`` (made in ``tone``, if any)."""
        key = f"{PREFIX}{hour_of(self._clock())}"
        self._counts.add(key, dict.fromkeys(_fields(rule_id, action, tone), 1), KEEP_SECONDS)

    def summary(self, since: float) -> Summary:
        """The counts of every hour from that of the Unix time ``since`` to now."""
        first, last = hour_of(since), hour_of(self._clock())
        reading = self._counts.read([f"{PREFIX}{hour}" for hour in range(first, last + 1)])
        result = Summary(complete=reading.complete)
        for bucket in reading.counts:
            for name, count in bucket.items():
                result.add_field(name, count)
        return result
