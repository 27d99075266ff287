"""Serve the app with waitress: the default of ``addin-server serve`` (issue 11, finding 3).

Waitress reads and buffers each request in its event loop (a body over 512 KiB goes to a
temporary file) and hands a thread only a whole request. A client that sends its headers
or body slowly holds a connection, never a thread, so 50 of them leave every thread free;
gunicorn's threaded worker gives such a client a thread and stops serving. Waitress is pure
Python and runs on Windows too, where gunicorn does not. It has no TLS: ``serve --https``
runs gunicorn (see server.py).

On Linux and macOS, ``ADDIN_WORKERS`` processes serve one listening socket (prefork.py), so
the local engine, which is CPU-bound, uses every core. Windows has no ``fork``: there one
process serves with ``ADDIN_THREADS`` threads.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from waitress import wasyncore
from waitress.server import create_server

from addin_server.config import Settings
from addin_server.shutdown import GRACE_SECONDS, RequestTracker, log_dropped

log = logging.getLogger(__name__)
LOOP_SECONDS = 0.2  # how often the event loop looks at the stop flag
BACKLOG = 1024  # connections the kernel holds before one is accepted (waitress's default)


def listening_socket(host: str, port: int) -> socket.socket:
    """Bind and listen on ``host:port`` (connections wait in the backlog until accepted)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    if os.name != "nt":  # on Windows the option lets another program take the port
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(BACKLOG)
    return sock


def build_app(settings: Settings, *, lint: bool = True) -> RequestTracker:
    """The app with its local engine built and warmed (Harper, spaCy, the word tables;
    Harper only with ``lint``: its dictionary lives per thread and would not survive a fork).

    Nothing here opens a connection, so the result may be forked once the engine's threads
    are stopped: the model engine's warm-up (a probe of the endpoint) is left to
    :func:`finish_warm_up`.
    """
    from addin_server import create_app
    from addin_server.limits.in_flight import for_gunicorn
    from addin_server.services import EXTENSION_KEY

    app = create_app(for_gunicorn(settings), warm_up=False)
    app.extensions[EXTENSION_KEY].engines["local"].warm_up(lint=lint)
    return RequestTracker(app)


def finish_warm_up(tracker: RequestTracker, then: Callable[[], object]) -> None:
    """Warm every engine in the serving process in the background, then call ``then``."""
    from addin_server.services import EXTENSION_KEY

    services = tracker.app.extensions[EXTENSION_KEY]  # type: ignore[attr-defined]
    services.warm_up(background=True, then=then)


class MainThreadWork(Protocol):
    """Work that must run on the main thread while waitress serves from another."""

    def work_here(self) -> None: ...

    def stop(self) -> None: ...


def serve(
    tracker: RequestTracker,
    sock: socket.socket,
    settings: Settings,
    *,
    name: str = "waitress",
    parent: int | None = None,
    main_thread: MainThreadWork | None = None,
) -> int:
    """Serve on the listening ``sock`` until SIGTERM or SIGINT (or, in a worker, until the
    ``parent`` process is gone), then give the requests in flight the grace; return 0.

    With ``main_thread``, the event loop runs on a thread of its own while the main thread
    does that work (a worker's lints: see engines.local.lint_threads), which is stopped once
    the last request is answered. Signals still reach the main thread, between two lints.
    """
    server: Any = create_server(
        tracker,
        sockets=[sock],
        threads=settings.threads,
        ident=None,  # no Server header
        channel_timeout=settings.client_timeout,
        connection_limit=settings.max_connections,
        max_request_body_size=settings.max_body_bytes,
        asyncore_use_poll=os.name != "nt",  # select() caps file descriptors at 1024
        expose_tracebacks=False,
        clear_untrusted_proxy_headers=True,
    )
    # A burst queues requests by design (the in-flight cap decides what is refused); waitress
    # would log "Task queue depth is N" for every one of them.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    stopping: list[str] = []

    def stop(signum: int, _frame: Any) -> None:
        stopping.append(signal.Signals(signum).name)

    for signal_name in ("SIGTERM", "SIGINT"):
        signal.signal(getattr(signal, signal_name), stop)
    log.info(
        "%s serving on http://%s:%s with %d threads",
        name,
        settings.host,
        server.effective_port,
        settings.threads,
    )
    if main_thread is None:
        return _serve_until_stopped(server, tracker, stopping, name, parent)

    failed: list[BaseException] = []

    def loop() -> None:
        try:
            _serve_until_stopped(server, tracker, stopping, name, parent)
        except BaseException as error:  # raised again on the main thread, as without one
            failed.append(error)
        finally:
            main_thread.stop()

    thread = threading.Thread(target=loop, name="waitress")
    thread.start()
    main_thread.work_here()
    thread.join()
    if failed:
        raise failed[0]
    return 0


def _serve_until_stopped(
    server: Any, tracker: RequestTracker, stopping: list[str], name: str, parent: int | None
) -> int:
    channels = server._map  # the listener, the trigger and one channel per connection
    while not stopping:
        wasyncore.loop(LOOP_SECONDS, server.adj.asyncore_use_poll, channels, count=1)
        if parent is not None and os.getppid() != parent:
            stopping.append("parent process gone")
    log.info(
        "%s: %s: no new connections; waiting for %d request(s)",
        name,
        stopping[0],
        tracker.in_flight,
    )
    server.accepting = False
    wasyncore.dispatcher.close(server)  # this process's listening socket only
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
