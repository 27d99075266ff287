"""Serve the app with waitress: the default of ``addin-server serve`` (issue 11, finding 3).

Waitress reads and buffers each request in its event loop (a body over 512 KiB goes to a
temporary file) and hands a thread only a whole request. A client that sends its headers
or body slowly holds a connection, never a thread, so 50 of them leave every thread free;
gunicorn's threaded worker gives such a client a thread and stops serving. Waitress is pure
Python and runs on Windows too, where gunicorn does not. Penwise gives it TLS
(:mod:`addin_server.serve.waitress_tls`), so ``serve --https`` runs it everywhere.

On Linux and macOS, ``ADDIN_WORKERS`` processes serve one listening socket (prefork.py), so
the local engine, which is CPU-bound, uses every core. Windows has no ``fork``: there one
process serves with ``ADDIN_THREADS`` threads.
"""

from __future__ import annotations

import errno
import logging
import os
import select
import socket
import ssl
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from waitress import wasyncore

from addin_server.config import Settings, TlsSettings
from addin_server.serve.balance import WorkerShare
from addin_server.serve.drain import serve_until_stopped, signals_wake
from addin_server.serve.shutdown import RequestTracker
from addin_server.serve.waitress_http import PenwiseServer

if TYPE_CHECKING:
    from addin_server.engines.base import MainThreadWork
    from addin_server.services import Services

log = logging.getLogger(__name__)
BACKLOG = 1024  # connections the kernel holds before one is accepted (waitress's default)
CLEANUP_SECONDS = 1


def listening_sockets(host: str, port: int) -> list[socket.socket]:
    """Bind and listen on every address of ``host`` (comma-separated names or addresses;
    ``localhost`` is 127.0.0.1 and ::1) at ``port``; connections wait in the backlog until
    accepted. An address a name resolves to that this machine cannot bind (::1 where IPv6
    is off) is left out; one written out is an error."""
    socks: list[socket.socket] = []
    try:
        for name, address in bind_addresses(host, port):
            try:
                socks.append(_listen(address))
            except OSError as error:
                if name == address[0] or error.errno not in _UNBINDABLE:
                    raise
                log.info("%s: %s is not available here; not listening on it", name, address[0])
        if not socks:
            raise OSError(errno.EADDRNOTAVAIL, f"no address of {host!r} can be bound here")
    except BaseException:
        for sock in socks:
            sock.close()
        raise
    return socks


_UNBINDABLE = (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT)
LOCALHOST = ("127.0.0.1", "::1")


def bind_addresses(host: str, port: int) -> list[tuple[str, tuple[Any, ...]]]:
    """Each name of ``host`` with each socket address it stands for, without repeats."""
    found: list[tuple[str, tuple[Any, ...]]] = []
    for name in (part.strip().strip("[]") for part in host.split(",")):
        # localhost is the loopback, both of them, whatever the hosts file says (RFC 6761)
        for literal in LOCALHOST if name == "localhost" else (name,):
            for *_, address in socket.getaddrinfo(
                literal, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
            ):
                if all(address[:2] != seen[:2] for _, seen in found):
                    found.append((name, address))
    return found


def _listen(address: tuple[Any, ...]) -> socket.socket:
    family = socket.AF_INET6 if len(address) == 4 else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        if os.name != "nt":  # on Windows the option lets another program take the port
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:  # `::` beside 0.0.0.0 must not take IPv4 too
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        sock.bind(address)
        sock.listen(BACKLOG)
    except BaseException:
        sock.close()
        raise
    return sock


def tls_context(tls: TlsSettings) -> ssl.SSLContext | None:
    """The TLS context of ``ADDIN_TLS_CERT`` and ``ADDIN_TLS_KEY`` (the development ones with
    ``serve --https``); ``None`` for plain HTTP."""
    if not tls.tls_cert:
        return None
    from addin_server.install.certs import server_context

    return server_context(tls.tls_cert, tls.tls_key)


def build_app(settings: Settings, *, will_fork: bool = False) -> RequestTracker:
    """The app with what its engines can build before the server listens (the local
    engine's tables and Harper; with ``will_fork``, only what survives a fork).

    Nothing here opens a connection, so the result may be forked once the engines' threads
    are stopped: the model engine's warm-up (a probe of the endpoint) is left to
    :func:`finish_warm_up`.
    """
    from addin_server import create_app
    from addin_server.limits.in_flight import for_gunicorn

    app = create_app(for_gunicorn(settings), warm_up=False)
    services_of(app).warm_up_before_listening(will_fork=will_fork)
    return RequestTracker(app)


def services_of(app: Any) -> Services:
    """The services of ``app`` (outside a request, where ``services()`` cannot be used)."""
    from addin_server.services import EXTENSION_KEY

    return app.extensions[EXTENSION_KEY]


def finish_warm_up(tracker: RequestTracker, then: Callable[[], object]) -> None:
    """Warm every engine in the serving process in the background, then call ``then``."""
    services_of(tracker.app).warm_up(background=True, then=then)


def serve(
    tracker: RequestTracker,
    socks: list[socket.socket],
    settings: Settings,
    *,
    name: str = "waitress",
    parent: int | None = None,
    main_thread: MainThreadWork | None = None,
    share: WorkerShare | None = None,
) -> int:
    """Serve on the listening ``socks`` until SIGTERM or SIGINT (or, in a worker, until the
    ``parent`` process is gone), then drain (:mod:`addin_server.serve.drain`); return 0.

    With ``main_thread``, the event loop runs on a thread of its own while the main thread
    does that work (a worker's lints: see engines.local.lint_threads), and the process ends
    as soon as it is drained (:func:`_exit_now`). ``share`` is this worker's place among the others
    (:mod:`addin_server.serve.balance`).
    """
    adjustments: dict[str, Any] = dict(
        threads=settings.serve.threads,
        ident=None,  # no Server header
        channel_timeout=settings.serve.client_timeout,
        # How often waitress looks for connections quiet for ADDIN_CLIENT_TIMEOUT (its
        # default, 30 s, let one stay open for up to twice the timeout).
        cleanup_interval=CLEANUP_SECONDS,
        connection_limit=settings.serve.max_connections,
        max_request_body_size=settings.request.max_body_bytes,
        # select() caps file descriptors at 1024; Windows has no poll()
        asyncore_use_poll=hasattr(select, "poll"),
        expose_tracebacks=False,
        # Forwarding headers are believed from ADDIN_TRUSTED_PROXIES by the app itself
        # (security.proxies), as under gunicorn: waitress passes them on untouched.
        clear_untrusted_proxy_headers=False,
    )
    tls = tls_context(settings.tls)
    server: PenwiseServer
    if tls is None:
        server = PenwiseServer(tracker, socks, share, **adjustments)
    else:
        from addin_server.serve.waitress_tls import TlsServer

        server = TlsServer(tracker, socks, share, tls, **adjustments)
    # A burst queues requests by design (the in-flight cap decides what is refused); waitress
    # would log "Task queue depth is N" for every one of them.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    stopping: list[str] = []
    log.info(
        "%s serving on %s with %d threads",
        name,
        addresses(socks, tls=tls is not None),
        settings.serve.threads,
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


def addresses(socks: list[socket.socket], *, tls: bool) -> str:
    """The URLs of the listening ``socks``, for the log."""
    scheme = "https" if tls else "http"
    urls = []
    for sock in socks:
        host, port = sock.getsockname()[:2]
        urls.append(f"{scheme}://{f'[{host}]' if ':' in host else host}:{port}")
    return ", ".join(urls)


def _exit_now() -> None:
    """End this worker process now, its log written out: once drained it has nothing left
    to do (its lint threads may still be warming, and a lint still running is a dropped
    request's), and a rolling restart waits for it."""
    for handler in logging.getLogger("addin_server").handlers:
        handler.flush()
    os._exit(0)
