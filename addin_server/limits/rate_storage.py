"""Where flask-limiter counts its windows: the server's shared state, as a ``limits`` storage.

Each fixed window is a count that expires when the window ends: in this machine's store
without Redis, so a limit of N per window allows N across all the server's workers; in Redis
with ``ADDIN_REDIS_URL`` (the keys ``limits``' own Redis storage uses), so it holds across
instances. While Redis is away the windows count on this machine, and on Redis again as soon
as :class:`~addin_server.store.shared_state.SharedState` finds it answering.
"""

from __future__ import annotations

import time
from typing import Any

from limits.storage import Storage

from addin_server.store.shared_state import SharedState

SCHEME = "penwise"
REDIS_PREFIX = "LIMITS:"  # as limits' RedisStorage names its keys
# Count, and start the window's clock on the first hit (limits' incr_expire.lua).
_INCR_EXPIRE = """
local current = redis.call('INCRBY', KEYS[1], ARGV[2])
if current == tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return current
"""


class SharedWindows(Storage):
    """A ``limits`` storage over the server's :class:`SharedState` (``penwise://``)."""

    STORAGE_SCHEME = [SCHEME]  # noqa: RUF012 (limits reads it from the class)

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options: Any):
        super().__init__(uri, wrap_exceptions)
        self.shared: SharedState = options["shared"]
        self._script: Any = None

    @property
    def base_exceptions(self) -> type[Exception] | tuple[type[Exception], ...]:
        return ()  # the shared state falls back by itself: nothing reaches the limiter

    def incr(self, key: str, expiry: int, amount: int = 1) -> int:
        """Count ``amount`` in ``key``'s window of ``expiry`` seconds; the window's count."""

        def in_redis(client: Any) -> int:
            if self._script is None:
                self._script = client.register_script(_INCR_EXPIRE)
            return int(self._script(keys=[REDIS_PREFIX + key], args=[expiry, amount]))

        return self.shared.run(in_redis, lambda: self.shared.local.hit(key, expiry, amount)[0])

    def get(self, key: str) -> int:
        """The count in ``key``'s current window."""

        def in_redis(client: Any) -> int:
            return int(client.get(REDIS_PREFIX + key) or 0)

        return self.shared.run(in_redis, lambda: self.shared.local.get(key).get("", 0))

    def get_expiry(self, key: str) -> float:
        """When ``key``'s window ends (Unix time; now when it has none)."""

        def in_redis(client: Any) -> float:
            return time.time() + max(int(client.ttl(REDIS_PREFIX + key)), 0)

        return self.shared.run(in_redis, lambda: self.shared.local.expires(key) or time.time())

    def check(self) -> bool:
        """Whether the storage works (the machine's store always does)."""
        return True

    def reset(self) -> int | None:
        """Not supported: windows expire by themselves."""
        return None

    def clear(self, key: str) -> None:
        """Forget ``key``'s window."""
        self.shared.run(lambda client: client.delete(REDIS_PREFIX + key), lambda: None)
        self.shared.local.clear(key)
