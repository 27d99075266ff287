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
import socket
import threading
from collections.abc import Callable
from typing import Protocol

from waitress import wasyncore

from addin_server.balance import WorkerShare
from addin_server.config import Settings
from addin_server.drain import serve_until_stopped, signals_wake
from addin_server.shutdown import RequestTracker
from addin_server.waitress_http import PenwiseServer

log = logging.getLogger(__name__)
BACKLOG = 1024  # connections the kernel holds before one is accepted (waitress's default)
CLEANUP_SECONDS = 1


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
    share: WorkerShare | None = None,
) -> int:
    """Serve on the listening ``sock`` until SIGTERM or SIGINT (or, in a worker, until the
    ``parent`` process is gone), then drain (:mod:`addin_server.drain`); return 0.

    With ``main_thread``, the event loop runs on a thread of its own while the main thread
    does that work (a worker's lints: see engines.local.lint_threads), and the process ends
    as soon as it is drained (:func:`_exit_now`). ``share`` is this worker's place among the others
    (:mod:`addin_server.balance`).
    """
    server = PenwiseServer(
        tracker,
        sock,
        share,
        threads=settings.threads,
        ident=None,  # no Server header
        channel_timeout=settings.client_timeout,
        # How often waitress looks for connections quiet for ADDIN_CLIENT_TIMEOUT (its
        # default, 30 s, let one stay open for up to twice the timeout).
        cleanup_interval=CLEANUP_SECONDS,
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
    log.info(
        "%s serving on http://%s:%s with %d threads",
        name,
        settings.host,
        sock.getsockname()[1],
        settings.threads,
    )
    with signals_wake(server, stopping):
        if main_thread is None:
            dropped = serve_until_stopped(server, tracker, stopping, name, parent)
            server.task_dispatcher.shutdown(cancel_pending=True, timeout=0 if dropped else 1)
            wasyncore.close_all(server.dispatchers)
            return 0
        failed: list[BaseException] = []

        def loop() -> None:
            try:
                serve_until_stopped(server, tracker, stopping, name, parent)
                wasyncore.close_all(server.dispatchers)
            except BaseException as error:  # raised again on the main thread, as without one
                failed.append(error)
                main_thread.stop()
            else:
                _exit_now()

        thread = threading.Thread(target=loop, name="waitress")
        thread.start()
        main_thread.work_here()
        thread.join()
    if failed:
        raise failed[0]
    return 0


def _exit_now() -> None:
    """End this worker process now, its log written out: once drained it has nothing left
    to do (its lint threads may still be warming, and a lint still running is a dropped
    request's), and a rolling restart waits for it."""
    for handler in logging.getLogger("addin_server").handlers:
        handler.flush()
    os._exit(0)
