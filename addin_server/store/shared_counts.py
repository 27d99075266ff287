"""Counts that every worker (and, with Redis, every instance) adds to and reads the same:
daily model budgets and feedback.

Without Redis they live in this machine's store. With Redis, each write carries an id that
Redis remembers for a day (a Lua script: ``SET id NX`` then the increments), so writing it
twice counts it once. A write that fails (Redis away, or a timeout after which it may still
be applied) waits in the machine's outbox and is written again, by id, once Redis answers:
never lost, never counted twice. While something waits, a read from Redis hands it over
first; while Redis is away, a read gives what waits on this machine and says it is
incomplete.

A key holds one count (field ``""``: a Redis string) or several (a Redis hash).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, TypeVar

from addin_server.store.counts import LocalCounts, Pending

T = TypeVar("T")

log = logging.getLogger(__name__)
ID_PREFIX = "penwise:written:"
ID_SECONDS = 86_400  # an outbox older than this may count a late write twice
HANDOVER_BATCH = 500
# KEYS[1]: the count's key, KEYS[2]: the write's id; ARGV[1]: the count's lifetime,
# ARGV[2]: the id's, ARGV[3...]: field, amount, field, amount...
_ADD_ONCE = """
if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[2]) then return 0 end
for i = 3, #ARGV, 2 do
  if ARGV[i] == '' then redis.call('INCRBY', KEYS[1], ARGV[i + 1])
  else redis.call('HINCRBY', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1
"""


@dataclass(frozen=True, slots=True)
class Reading:
    """Counts per key, and whether they are all there (``False``: Redis is away and only
    what this machine counted meanwhile is shown)."""

    counts: list[dict[str, int]]
    complete: bool = True


class Shared(Protocol):
    """What the counts need of :class:`addin_server.store.shared_state.SharedState`."""

    local: LocalCounts

    @property
    def configured(self) -> bool:
        """Whether Redis is configured."""
        ...

    def available(self) -> Any:
        """The Redis client while it answers, else ``None``."""
        ...

    def run(self, work: Callable[[Any], T], fallback: Callable[[], T]) -> T:
        """``work(client)`` on Redis, or ``fallback()``."""
        ...


class SharedCounts:
    """Add to and read counts through ``shared``: Redis when configured, else the machine."""

    def __init__(self, shared: Shared) -> None:
        self.shared = shared
        self._script: Any = None

    def add(self, key: str, fields: Mapping[str, int], ttl: int) -> None:
        """Add ``fields``' amounts to ``key``, which expires ``ttl`` seconds after its last
        write."""
        if not self.shared.configured:
            self.shared.local.add(key, fields, ttl)
            return
        pending = Pending(uuid.uuid4().hex, key, dict(fields), ttl)
        if not self.shared.run(partial(self._write, batch=[pending]), bool):
            self.shared.local.hold(pending)

    def read(self, keys: Sequence[str], *, single: bool = False) -> Reading:
        """The counts of ``keys``, in order; ``single``: each key holds one count."""
        shared = self.shared
        if not shared.configured:
            return Reading(shared.local.get_many(keys))
        if shared.available() is not None and shared.local.holds_any():
            self.hand_over()

        def from_redis(client: Any) -> Reading:
            pipe = client.pipeline(transaction=False)
            for key in keys:
                pipe.get(key) if single else pipe.hgetall(key)
            return Reading([_decoded(value) for value in pipe.execute()])

        return shared.run(from_redis, lambda: self._held(keys))

    def hand_over(self) -> None:
        """Write what waits in the outbox to Redis (by id: what Redis took already is not
        counted again)."""
        handed = 0
        while batch := self.shared.local.held(limit=HANDOVER_BATCH):
            if not self.shared.run(partial(self._write, batch=batch), bool):
                break
            self.shared.local.release(pending.id for pending in batch)
            handed += len(batch)
        if handed:
            log.info("handed %d count(s) kept during the Redis outage over to Redis", handed)

    def _write(self, client: Any, *, batch: list[Pending]) -> bool:
        if self._script is None:
            self._script = client.register_script(_ADD_ONCE)
        pipe = client.pipeline(transaction=False)
        for pending in batch:
            amounts = [part for item in pending.fields.items() for part in item]
            self._script(
                keys=[pending.key, ID_PREFIX + pending.id],
                args=[pending.ttl, ID_SECONDS, *amounts],
                client=pipe,
            )
        pipe.execute()
        return True

    def _held(self, keys: Sequence[str]) -> Reading:
        counts: dict[str, dict[str, int]] = {key: {} for key in keys}
        for pending in self.shared.local.held(keys):
            for field, amount in pending.fields.items():
                counts[pending.key][field] = counts[pending.key].get(field, 0) + amount
        return Reading([counts[key] for key in keys], complete=False)


def _decoded(value: Any) -> dict[str, int]:
    if value is None:
        return {}
    if isinstance(value, dict):
        return {name.decode("utf-8", "replace"): int(count) for name, count in value.items()}
    return {"": int(value)}
