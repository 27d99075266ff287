"""The model's circuit state where the server's workers share state, so that one worker's
failures open the breaker for all of them (and, with Redis, for every instance).

A circuit is a small JSON value per endpoint (``penwise:breaker:<hash of the URL>``) that
lives a day after its last change: in this machine's store by default, in Redis with
``ADDIN_REDIS_URL`` (on the machine while Redis is away). Two workers that fail at the same
moment may count one failure between them: the breaker then opens one call later.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from addin_server.engines.llm.breaker import Circuit
from addin_server.store.shared_state import SharedState

PREFIX = "penwise:breaker:"
KEEP_SECONDS = 86_400


class SharedBreakerState:
    """Circuits kept through ``shared`` (a :class:`~.breaker.BreakerState`)."""

    def __init__(self, shared: SharedState) -> None:
        self._shared = shared

    def get(self, endpoint: str) -> Circuit:
        """The endpoint's circuit (closed when unknown)."""
        key = _key(endpoint)
        raw: Any = self._shared.run(
            lambda client: client.get(key), lambda: self._shared.local.fact(key)
        )
        if raw is None:
            return Circuit()
        failures, opened_at, probe_until = json.loads(raw)
        return Circuit(failures, opened_at, probe_until)

    def set(self, endpoint: str, circuit: Circuit) -> None:
        """Store the endpoint's circuit."""
        key = _key(endpoint)
        value = json.dumps([circuit.failures, circuit.opened_at, circuit.probe_until])
        self._shared.run(
            lambda client: client.set(key, value, ex=KEEP_SECONDS),
            lambda: self._shared.local.set_fact(key, value, KEEP_SECONDS),
        )


def _key(endpoint: str) -> str:
    return PREFIX + hashlib.blake2b(endpoint.encode(), digest_size=12).hexdigest()
