"""Serve the app with waitress: the default of ``addin-server serve`` (issue 11, finding 3).

Waitress reads and buffers each request in its event loop (a body over 512 KiB goes to a
temporary file) and hands a thread only a whole request. A client that sends its headers
or body slowly holds a connection, never a thread, so 50 of them leave every thread free;
gunicorn's threaded worker gives such a client a thread and stops serving. Waitress is pure
Python and runs on Windows too, where gunicorn does not. It serves from one process with
``ADDIN_THREADS`` threads and has no TLS: ``serve --https`` runs gunicorn (see server.py).
"""

from __future__ import annotations

import logging
import os
import signal
import time
from typing import Any

from waitress import wasyncore
from waitress.server import create_server

from addin_server.config import Settings
from addin_server.shutdown import GRACE_SECONDS, RequestTracker, log_dropped

log = logging.getLogger(__name__)
LOOP_SECONDS = 0.2  # how often the event loop looks at the stop flag


def run_waitress(settings: Settings) -> int:
    """Serve until SIGTERM or SIGINT, then let the requests in flight finish; return 0."""
    from addin_server import create_app
    from addin_server.limits.in_flight import for_gunicorn

    # The in-flight cap is resolved as for gunicorn: ADDIN_THREADS - 1, a thread kept free.
    tracker = RequestTracker(create_app(for_gunicorn(settings)))
    server: Any = create_server(
        tracker,
        host=settings.host,
        port=settings.port,
        threads=settings.threads,
        ident=None,  # no Server header
        channel_timeout=settings.client_timeout,
        connection_limit=settings.max_connections,
        max_request_body_size=settings.max_body_bytes,
        asyncore_use_poll=os.name != "nt",  # select() caps file descriptors at 1024
        expose_tracebacks=False,
        clear_untrusted_proxy_headers=True,
    )
    stopping: list[str] = []

    def stop(signum: int, _frame: Any) -> None:
        stopping.append(signal.Signals(signum).name)

    for name in ("SIGTERM", "SIGINT"):
        signal.signal(getattr(signal, name), stop)
    log.info(
        "waitress serving on http://%s:%s with %d threads",
        settings.host,
        server.effective_port,
        settings.threads,
    )
    channels = server._map  # the listener, the trigger and one channel per connection
    while not stopping:
        wasyncore.loop(LOOP_SECONDS, server.adj.asyncore_use_poll, channels, count=1)
    log.info("%s: no new connections; waiting for %d request(s)", stopping[0], tracker.in_flight)
    server.accepting = False
    wasyncore.dispatcher.close(server)  # the listening socket only
    deadline = time.monotonic() + GRACE_SECONDS
    while (tracker.in_flight or _unsent(channels)) and time.monotonic() < deadline:
        wasyncore.loop(LOOP_SECONDS, server.adj.asyncore_use_poll, channels, count=1)
    log_dropped(tracker.in_flight, GRACE_SECONDS)
    server.task_dispatcher.shutdown(cancel_pending=True, timeout=1)
    wasyncore.close_all(channels)
    return 0


def _unsent(channels: dict[int, Any]) -> bool:
    """Whether an answer is still being written to a client."""
    return any(getattr(channel, "total_outbufs_len", 0) for channel in channels.values())
