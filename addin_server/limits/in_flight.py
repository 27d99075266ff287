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
while seven threads did the work. So a request that finds every place taken waits for one,
and how long depends on what holds them. While the process is computing (local checks: its
CPU time grows by at least ``BUSY_SHARE`` of a core), a place will free as that work ends,
so it waits up to ``BUSY_WAIT_SECONDS``; while it is idle (the places wait on a model), it
waits only ``IDLE_WAIT_SECONDS``. A wait that runs out marks the process saturated: every
request after it is refused at once until a place is given back. A burst of checks queues
and is answered; a real overload (threads held by model calls, or more CPU work than the
process can start within seconds) still gets a fast 503. Served any other way (a test
client, another WSGI server), ``auto`` sets no cap: the app cannot know that server's
threads.
"""

from __future__ import annotations

import threading
import time

from flask import Flask, Response, request

from addin_server.config import Settings
from addin_server.errors import problem
from addin_server.limits.finish import when_finished
from addin_server.limits.identity import is_limited

IN_FLIGHT_KEY = "penwise.in_flight"
# Places held by requests waiting on a model: refuse soon (a model call lasts seconds).
IDLE_WAIT_SECONDS = 0.5
# Places held by CPU work: a 300-word check on a thread whose Harper caches are still cold
# takes 1.1 to 1.6 s, and seven share a process; more than this is a real overload.
BUSY_WAIT_SECONDS = 10.0
# The share of a core the process must use while a request waits for it to count as busy; a
# process whose threads wait on a model uses almost none.
BUSY_SHARE = 0.2
WAIT_SLICE_SECONDS = 0.25  # how often a waiting request looks at the process's CPU time


def in_flight_cap(settings: Settings) -> int:
    """The cap ``ADDIN_MAX_IN_FLIGHT`` asks for; 0 means none (and so does ``auto``, unless
    :func:`for_gunicorn` resolved it)."""
    return 0 if settings.max_in_flight == "auto" else int(settings.max_in_flight)


def for_gunicorn(settings: Settings) -> Settings:
    """``settings`` with an ``auto`` cap resolved for the ``ADDIN_THREADS`` threads of each
    process of ``addin-server serve`` (waitress or gunicorn)."""
    if settings.max_in_flight != "auto":
        return settings
    return settings.replace(max_in_flight=max(settings.threads - 1, 1))


class InFlight:
    """Count requests in flight; one above ``cap`` waits for a place (see the module)."""

    def __init__(
        self, cap: int, idle_wait: float = IDLE_WAIT_SECONDS, busy_wait: float = BUSY_WAIT_SECONDS
    ) -> None:
        self.cap = cap
        self.idle_wait = idle_wait
        self.busy_wait = busy_wait
        self._changed = threading.Condition()
        self.count = 0
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
            return True

    def _wait_for_place(self) -> None:
        """Wait while the places are busy computing, briefly while they are idle."""
        started, cpu = time.monotonic(), time.process_time()
        while self.count >= self.cap:
            waited = time.monotonic() - started
            busy = waited > 0 and (time.process_time() - cpu) / waited >= BUSY_SHARE
            limit = self.busy_wait if busy else self.idle_wait
            if waited >= limit:
                self._saturated = True
                return
            self._changed.wait(min(WAIT_SLICE_SECONDS, limit - waited))

    def leave(self) -> None:
        """Give a place back, to a waiting request if there is one."""
        with self._changed:
            self.count -= 1
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
