"""A cap on the API requests one worker process serves at once: beyond it, a 503.

Both servers give each request a thread and queue the rest until one is free (waitress in its
own queue, bounded by ``ADDIN_MAX_CONNECTIONS``; gunicorn's gthread worker likewise), so a
count inside the app never exceeds ``ADDIN_THREADS`` and only a cap below it does anything.
Under ``addin-server serve`` the default (``auto``) is ``ADDIN_THREADS - 1``: one thread is
never given to an API request, so health checks and refusals are answered even while every
other thread waits minutes on a model.

What the cap counts is places taken, and what it refuses is a request that cannot get one
soon, not one that finds them all taken for an instant. Refusing at once made a plain burst
fail: 16 concurrent checks against one waitress process with the defaults got 503 for 57 of
64 requests, because the spare thread drained waitress's queue with refusals in microseconds
while seven threads did the work. So a request that finds every place taken waits for one as
long as the work holding the places makes progress: a place changes hands, or the process
computes (uses at least ``WORKING_SHARE`` of a core; threads waiting on a model use almost
none). It gives up when there has been no progress for ``STALL_SECONDS`` (the places wait on
a model, whose calls last seconds) or after ``MAX_WAIT_SECONDS`` in all, and the process is
then saturated: every request after it is refused at once until a place is given back. A
burst of checks queues and is answered; threads held by model calls still give a fast 503,
at the cost of one request's ``STALL_SECONDS``.

Both signals are needed. CPU time alone, with a threshold of a fifth of a core, failed on a
machine loaded by other work (load average 11 on 2 cores): the busy process got less than
that, was taken for idle, and refused 10 of 64 requests of a burst. Places changing hands
alone failed too: seven checks that start together end together, 3 s later on such a
machine, with no place freed in between. Served any other way (a test client, another WSGI
server), ``auto`` sets no cap: the app cannot know that server's threads.

Model calls can never starve the local engine (issue 23): a model endpoint that answered one
byte a second held 7 of 8 threads with 8 rewrites, and local checks got 503. So only half the
places (rounded up: 4 of the default 7) may be held by requests that wait on the model
(:class:`ModelShare`, taken by the model engine before its first call: engines.llm.places);
a request that finds none free is answered by the local engine, saying so (``llm-busy``).
The other places are always there for checks of the local engine.
"""

from __future__ import annotations

import threading
import time

from flask import Flask, Response, request

from addin_server.config import LimitSettings, Settings
from addin_server.errors import problem
from addin_server.limits.finish import when_finished
from addin_server.limits.identity import is_limited

IN_FLIGHT_KEY = "penwise.in_flight"
# No progress (no place changed hands, the process did not compute) for this long: the places
# wait on something slow (a model).
STALL_SECONDS = 1.0
# Longer than this in the queue, a retry after a 503 serves the writer no worse.
MAX_WAIT_SECONDS = 10.0
# The share of a core a process uses while its threads compute, at the least: a process whose
# threads wait on a model uses almost none, and one whose checks share a loaded machine more.
WORKING_SHARE = 0.05
SLICE_SECONDS = 0.25  # how often a waiting request looks at the process's CPU time


def in_flight_cap(limits: LimitSettings) -> int:
    """The cap ``ADDIN_MAX_IN_FLIGHT`` asks for; 0 means none (and so does ``auto``, unless
    :func:`for_gunicorn` resolved it)."""
    return 0 if limits.max_in_flight == "auto" else int(limits.max_in_flight)


def for_gunicorn(settings: Settings) -> Settings:
    """``settings`` with an ``auto`` cap resolved for the ``ADDIN_THREADS`` threads of each
    process of ``addin-server serve`` (waitress or gunicorn)."""
    if settings.limits.max_in_flight != "auto":
        return settings
    return settings.replace(max_in_flight=max(settings.serve.threads - 1, 1))


def model_share(cap: int) -> int:
    """Of ``cap`` places, how many requests waiting on the model may hold at once: half,
    rounded up (the rest are the local engine's whatever the model does); 0, no cap."""
    return (cap + 1) // 2 if cap > 0 else 0


class ModelShare:
    """The places requests that wait on the model may hold (engines.llm.places)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.count = 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        """Take a place if one is free."""
        with self._lock:
            if self.count >= self.size:
                return False
            self.count += 1
            return True

    def give_back(self) -> None:
        """Give a place back."""
        with self._lock:
            self.count -= 1


class InFlight:
    """Count requests in flight; one above ``cap`` waits for a place (see the module). Of
    the places, :func:`model_share` may be held by requests that wait on the model."""

    def __init__(
        self, cap: int, stall: float = STALL_SECONDS, max_wait: float = MAX_WAIT_SECONDS
    ) -> None:
        self.cap = cap
        self.stall = stall
        self.max_wait = max_wait
        self.model = ModelShare(model_share(cap))
        self._changed = threading.Condition()
        self.count = 0
        self._last_change = time.monotonic()  # a place taken or given back
        # A wait ran out and no place was given back since: refuse without waiting.
        self._saturated = False

    def enter(self) -> bool:
        """Take a place; ``False`` when none frees in time (at once while saturated)."""
        with self._changed:
            if self.count >= self.cap and not self._saturated:
                self._wait_for_place()
            if self.count >= self.cap:
                return False
            self.count += 1
            self._last_change = time.monotonic()
            return True

    def _wait_for_place(self) -> None:
        """Wait while the places' work makes progress, up to ``max_wait``; else saturated."""
        give_up = time.monotonic() + self.max_wait
        progress = self._last_change
        while self.count >= self.cap:
            now, cpu = time.monotonic(), time.process_time()
            progress = max(progress, self._last_change)
            if now >= min(give_up, progress + self.stall):
                self._saturated = True
                return
            self._changed.wait(min(SLICE_SECONDS, give_up - now))
            if time.process_time() - cpu >= WORKING_SHARE * (time.monotonic() - now):
                progress = time.monotonic()  # the process computed: its checks move on

    def leave(self) -> None:
        """Give a place back, to a waiting request if there is one."""
        with self._changed:
            self.count -= 1
            self._last_change = time.monotonic()
            self._saturated = False
            self._changed.notify()


def install_in_flight_cap(app: Flask, cap: int) -> InFlight | None:
    """Answer 503 with ``Retry-After: 1`` to API requests that find no place among ``cap``
    within the wait (0: no cap)."""
    if cap <= 0:
        return None
    places = app.extensions[IN_FLIGHT_KEY] = InFlight(cap)

    @app.before_request
    def _enter() -> Response | None:
        if not is_limited(request.path):
            return None
        if not places.enter():
            response = problem(
                503,
                "Server busy",
                f"This server is answering {cap} requests at once, as many as it takes "
                "(ADDIN_MAX_IN_FLIGHT); retry in a second.",
                "busy",
            )
            response.headers["Retry-After"] = "1"
            return response
        when_finished(places.leave)
        return None

    return places
