"""Run the app under gunicorn with threaded workers (LLM calls block; threads keep serving).

``addin-server serve`` runs waitress unless ``ADDIN_SERVER=gunicorn``: a gthread worker gives
a slow client a thread (see waitress_server.py), so in production put a proxy that buffers
requests (nginx) in front of gunicorn. Gunicorn imports ``fcntl``: Linux and macOS only.
"""

from __future__ import annotations

import signal
import socket
import threading
from typing import Any

from gunicorn.app.base import BaseApplication

from addin_server.config import Settings
from addin_server.serve.metrics_folder import metrics_folder
from addin_server.serve.shutdown import GRACE_SECONDS, RequestTracker, log_dropped
from addin_server.serve.waitress_server import bind_addresses
from addin_server.store.folder import StateFolder


class _PenwiseGunicorn(BaseApplication):
    """Gunicorn with our settings and app factory; each worker builds its own app."""

    def __init__(
        self, settings: Settings, state: StateFolder, tls: tuple[str, str] | None = None
    ) -> None:
        self._settings = settings
        self._state = state  # made here, before the fork: every worker shares it
        self._tls = tls
        super().__init__()

    def load_config(self) -> None:
        serving = self._settings.serve
        options: dict[str, Any] = {
            "bind": gunicorn_binds(serving.host, serving.port),
            "workers": serving.workers,
            "worker_class": "gthread",
            "threads": serving.threads,
            "timeout": int(serving.request_timeout),
            "graceful_timeout": int(GRACE_SECONDS),
            "keepalive": 5,
            # Access lines would carry query strings, which can hold the writer's text;
            # the app logs each request itself without them.
            "accesslog": None,
            "errorlog": "-",
            "loglevel": serving.log_level.lower(),
            "proc_name": "addin-server",
            "child_exit": _child_exit,
            "post_worker_init": _log_dropped_at_shutdown,
            # Forwarding headers are believed from ADDIN_TRUSTED_PROXIES, by the app itself
            # (security.proxies), as under waitress: gunicorn passes them on untouched.
            "forwarded_allow_ips": "",
            "secure_scheme_headers": {},
        }
        if "control_socket_disable" in self.cfg.settings:
            # Gunicorn >= 25 opens a control socket in $HOME by default; two servers
            # (or a test run beside `make run`) would fight over it.
            options["control_socket_disable"] = True
        if self._tls:
            options["certfile"], options["keyfile"] = self._tls
        for key, value in options.items():
            self.cfg.set(key, value)

    # gunicorn's stubs want an app taking any MutableMapping; ours, like Flask's, takes a dict.
    def load(self) -> RequestTracker:  # type: ignore[override]
        from addin_server import create_app
        from addin_server.limits.in_flight import for_gunicorn

        return RequestTracker(
            create_app(for_gunicorn(self._settings), state_folder=self._state.path)
        )


def gunicorn_binds(host: str, port: int) -> list[str]:
    """Gunicorn's ``bind`` for ``host`` (as waitress binds it: ``localhost`` is 127.0.0.1 and
    ::1, the second left out where this machine has no IPv6)."""
    binds = []
    for name, address in bind_addresses(host, port):
        ip = address[0]
        if name != ip and not _bindable(ip):
            continue
        binds.append(f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}")
    return binds


def _bindable(ip: str) -> bool:
    family = socket.AF_INET6 if ":" in ip else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            probe.bind((ip, 0))
    except OSError:
        return False
    return True


def _log_dropped_at_shutdown(worker: Any) -> None:
    """On SIGTERM, log the requests still running just before the arbiter kills the worker."""
    tracker = worker.wsgi
    stop = signal.getsignal(signal.SIGTERM)

    def report() -> None:
        log_dropped(tracker.running(), GRACE_SECONDS)

    def on_term(signum: int, frame: Any) -> None:
        timer = threading.Timer(GRACE_SECONDS - 0.5, report)
        timer.daemon = True  # a worker that finishes in time exits without it
        timer.start()
        if callable(stop):
            stop(signum, frame)

    signal.signal(signal.SIGTERM, on_term)


def _without_server_header() -> None:
    """Send no ``Server: gunicorn`` banner (gunicorn has no setting for it)."""
    from gunicorn.http import wsgi

    default_headers = wsgi.Response.default_headers
    if getattr(default_headers, "_penwise", False):
        return

    def headers(self: Any) -> list[str]:
        return [line for line in default_headers(self) if not line.startswith("Server:")]

    headers._penwise = True  # type: ignore[attr-defined]
    wsgi.Response.default_headers = headers  # type: ignore[method-assign]


def _child_exit(_server: Any, worker: Any) -> None:
    from addin_server.observability.metrics import mark_worker_dead

    mark_worker_dead(worker.pid)


def run_gunicorn(settings: Settings, tls: tuple[str, str] | None = None) -> int:
    """Serve until interrupted, over HTTPS when ``tls`` names a certificate and its key;
    return the exit code."""
    # Workers write their metrics there and /metrics sums them (addin_server.serve.metrics_folder).
    _without_server_header()
    state = StateFolder(settings.state.state_dir, settings.serve.port)
    try:
        with metrics_folder():
            _PenwiseGunicorn(settings, state, tls).run()
    finally:
        state.close()
    return 0
