"""Whether the model endpoint answers, for ``/readyz``: from real calls, or a cheap probe.

``/readyz`` never waits for the model: it reports the last known state and, when that is
stale, refreshes it in the background for the next asker.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# A result younger than this is reported without asking the endpoint again.
FRESH_SECONDS = 15.0
PROBE_TIMEOUT_SECONDS = 2.0
DEGRADED = "degraded (calls time out)"
SLOW = "degraded (calls are slow)"


class ModelHealth:
    """The last known state of the endpoint: ``ready``, ``unreachable``, ``failing``,
    ``degraded (calls time out)`` or ``unknown``; ``degraded (calls are slow)`` while a call
    has run longer than ``slow_after`` seconds.

    A real call says more than the cheap probe: an endpoint that lists its models at once may
    still answer one byte a second. So after a timeout the state stays degraded until a call
    gets a whole answer (the probe can only say the endpoint is now unreachable), and a call
    that runs long says so before it times out.
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, slow_after: float = float("inf")
    ) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._state = "unknown"
        self._at = float("-inf")
        self._probing = False
        self._timing_out = False
        self._slow_after = slow_after
        self._calls: dict[object, float] = {}  # when each call in progress started

    @contextmanager
    def calling(self) -> Iterator[None]:
        """Note a call in progress while the block runs."""
        key = object()  # held until the call ends: an id() of a dropped object is reused
        with self._lock:
            self._calls[key] = self._clock()
        try:
            yield
        finally:
            with self._lock:
                del self._calls[key]

    def lagging(self) -> bool:
        """Whether calls time out or one runs long: a request complete without the model (a
        check) had better not wait for it."""
        with self._lock:
            return self._timing_out or self._slow()

    def _slow(self) -> bool:
        oldest = min(self._calls.values(), default=None)
        return oldest is not None and self._clock() - oldest > self._slow_after

    def record_success(self) -> None:
        """A call got an answer."""
        self._timing_out = False
        self._set("ready")

    def record_failure(self, code: str) -> None:
        """A call failed for a reason that says the endpoint is unwell (``code``)."""
        if code == "llm-timeout":
            self._timing_out = True
            self._set(DEGRADED)
        else:
            self._set("unreachable" if code == "llm-unreachable" else "failing")

    def state(self, probe: Callable[[], object]) -> str:
        """The last known state; a stale one is refreshed with ``probe()`` in the background."""
        with self._lock:
            state, stale = self._state, self._clock() - self._at >= FRESH_SECONDS
            start = stale and not self._probing
            self._probing = self._probing or start
            slow = self._slow()
        if start:
            threading.Thread(target=self.refresh, args=(probe,), daemon=True).start()
        return SLOW if slow and state in ("ready", "unknown") else state

    def refresh(self, probe: Callable[[], object]) -> str:
        """Probe now (blocking) and return the new state."""
        try:
            probe()
        except Exception:  # any failure means "not reachable now"; never fail readiness
            self._set("unreachable")
        else:
            self._set(DEGRADED if self._timing_out else "ready")
        finally:
            with self._lock:
                self._probing = False
        return self._state

    def _set(self, state: str) -> None:
        with self._lock:
            self._state, self._at = state, self._clock()
