"""A cap on the API requests one worker process serves at once: beyond it, a fast 503.

Gunicorn's threaded worker gives each request a thread, and queues the rest until one is
free; a count inside the app can therefore never exceed ``ADDIN_THREADS``, and only a cap
below it does anything. Under ``addin-server serve`` the default (``auto``) is
``ADDIN_THREADS - 1``: one thread stays free, so a burst is refused in microseconds instead
of queueing behind minutes-long model calls, and health checks still answer (the load
balancer sees a busy instance, not a dead one). Served any other way (a test client,
another WSGI server), ``auto`` sets no cap: the app cannot know that server's threads.
"""

from __future__ import annotations

import threading

from flask import Flask, Response, request

from addin_server.config import Settings
from addin_server.errors import problem
from addin_server.limits.finish import when_finished
from addin_server.limits.identity import is_limited

IN_FLIGHT_KEY = "penwise.in_flight"


def in_flight_cap(settings: Settings) -> int:
    """The cap ``ADDIN_MAX_IN_FLIGHT`` asks for; 0 means none (and so does ``auto``, unless
    :func:`for_gunicorn` resolved it)."""
    return 0 if settings.max_in_flight == "auto" else int(settings.max_in_flight)


def for_gunicorn(settings: Settings) -> Settings:
    """``settings`` with an ``auto`` cap resolved for gunicorn's ``ADDIN_THREADS`` threads."""
    if settings.max_in_flight != "auto":
        return settings
    return settings.replace(max_in_flight=max(settings.threads - 1, 1))


class InFlight:
    """Count requests in flight; refuse one above ``cap``."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._lock = threading.Lock()
        self.count = 0

    def enter(self) -> bool:
        """Take a place; ``False`` when all ``cap`` places are taken."""
        with self._lock:
            if self.count >= self.cap:
                return False
            self.count += 1
            return True

    def leave(self) -> None:
        """Give a place back."""
        with self._lock:
            self.count -= 1


def install_in_flight_cap(app: Flask, cap: int) -> InFlight | None:
    """Answer 503 with ``Retry-After: 1`` to API requests beyond ``cap`` (0: no cap)."""
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
