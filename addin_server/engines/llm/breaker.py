"""A circuit breaker per model endpoint, shared by every request of the process.

Closed, calls go to the endpoint. After ``ADDIN_LLM_BREAKER_FAILURES`` failed calls in a
row (unreachable, 5xx, 429, an answer that is not JSON, a stream cut off), or one timeout
(it already cost a writer ``ADDIN_LLM_TIMEOUT``), it opens: for ``ADDIN_LLM_COOLDOWN``
seconds no call is made and the local engine answers at once, with ``llm-unavailable``.
Then one request's call is the probe (half-open): its success closes the breaker, its
failure opens it for another cool-down. Requests meanwhile still go to the local engine.

The state lives in a :class:`BreakerState` store: in memory per process here; a store that
keeps it in Redis can share it between instances (times are wall-clock for that reason).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Protocol

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


@dataclass(frozen=True)
class Circuit:
    """One endpoint's state: failures in a row, when it opened, until when a probe runs."""

    failures: int = 0
    opened_at: float | None = None  # wall-clock seconds; None while closed
    probe_until: float = 0.0  # a probe is in flight until then (its lease)


class BreakerState(Protocol):
    """Where circuits are kept, by endpoint (memory here; Redis can plug in)."""

    def get(self, endpoint: str) -> Circuit:
        """The endpoint's circuit (closed when unknown)."""
        ...

    def set(self, endpoint: str, circuit: Circuit) -> None:
        """Store the endpoint's circuit."""
        ...


class MemoryBreakerState:
    """Circuits in this process's memory."""

    def __init__(self) -> None:
        self._circuits: dict[str, Circuit] = {}

    def get(self, endpoint: str) -> Circuit:
        """The endpoint's circuit (closed when unknown)."""
        return self._circuits.get(endpoint, Circuit())

    def set(self, endpoint: str, circuit: Circuit) -> None:
        """Store the endpoint's circuit."""
        self._circuits[endpoint] = circuit


class Breaker:
    """Decide whether a call may go to ``endpoint``, and learn from how calls end."""

    def __init__(
        self,
        endpoint: str,
        failures: int = 3,
        cooldown: float = 30.0,
        probe_lease: float = 60.0,
        state: BreakerState | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.endpoint = endpoint
        self.threshold = failures
        self.cooldown = cooldown
        self.probe_lease = probe_lease
        self._state = state or MemoryBreakerState()
        self._clock = clock
        self._lock = threading.Lock()

    def allow(self) -> bool:
        """Whether a call may go out now; after the cool-down, the first caller is the probe."""
        with self._lock:
            circuit, now = self._state.get(self.endpoint), self._clock()
            if circuit.opened_at is None:
                return True
            if now < circuit.opened_at + self.cooldown or now < circuit.probe_until:
                return False
            self._state.set(self.endpoint, replace(circuit, probe_until=now + self.probe_lease))
            return True

    def cooling_down(self) -> bool:
        """Whether the breaker is open and its cool-down not over (retries stop here)."""
        circuit = self._state.get(self.endpoint)
        return circuit.opened_at is not None and self._clock() < circuit.opened_at + self.cooldown

    def succeeded(self) -> None:
        """A call got a proper answer: close the breaker."""
        with self._lock:
            if self._state.get(self.endpoint) != Circuit():
                self._state.set(self.endpoint, Circuit())

    def failed(self, *, at_once: bool = False) -> None:
        """A call failed; open after ``failures`` in a row, or ``at_once`` (a timeout), or
        when the call was the probe."""
        with self._lock:
            circuit, now = self._state.get(self.endpoint), self._clock()
            count = circuit.failures + 1
            if at_once or count >= self.threshold or circuit.opened_at is not None:
                self._state.set(self.endpoint, Circuit(count, now, 0.0))
            else:
                self._state.set(self.endpoint, Circuit(count))

    def status(self) -> str:
        """``closed``, ``open`` (cooling down) or ``half-open`` (a probe may go or is going)."""
        circuit = self._state.get(self.endpoint)
        if circuit.opened_at is None:
            return CLOSED
        return OPEN if self.cooling_down() else HALF_OPEN

    def seconds_left(self) -> float:
        """Seconds until the cool-down ends (0 when it has)."""
        circuit = self._state.get(self.endpoint)
        if circuit.opened_at is None:
            return 0.0
        return max(circuit.opened_at + self.cooldown - self._clock(), 0.0)
