"""Run the app under gunicorn with threaded workers (LLM calls block; threads keep serving)."""

from __future__ import annotations

import os
import shutil
import tempfile
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from addin_server.config import Settings


class _PenwiseGunicorn(BaseApplication):  # type: ignore[misc]
    """Gunicorn with our settings and app factory; each worker builds its own app."""

    def __init__(self, settings: Settings, tls: tuple[str, str] | None = None) -> None:
        self._settings = settings
        self._tls = tls
        super().__init__()

    def load_config(self) -> None:
        settings = self._settings
        options: dict[str, Any] = {
            "bind": f"{settings.host}:{settings.port}",
            "workers": settings.workers,
            "worker_class": "gthread",
            "threads": settings.threads,
            "timeout": int(settings.request_timeout),
            "graceful_timeout": 10,
            "keepalive": 5,
            # Access lines would carry query strings, which can hold the writer's text;
            # the app logs each request itself without them.
            "accesslog": None,
            "errorlog": "-",
            "loglevel": settings.log_level.lower(),
            "proc_name": "addin-server",
            "child_exit": _child_exit,
        }
        if "control_socket_disable" in self.cfg.settings:
            # Gunicorn >= 25 opens a control socket in $HOME by default; two servers
            # (or a test run beside `make run`) would fight over it.
            options["control_socket_disable"] = True
        if self._tls:
            options["certfile"], options["keyfile"] = self._tls
        for key, value in options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        from addin_server import create_app
        from addin_server.limits.in_flight import for_gunicorn

        return create_app(for_gunicorn(self._settings))


def _child_exit(_server: Any, worker: Any) -> None:
    from addin_server.observability.metrics import mark_worker_dead

    mark_worker_dead(worker.pid)


def run_gunicorn(settings: Settings, tls: tuple[str, str] | None = None) -> int:
    """Serve until interrupted, over HTTPS when ``tls`` names a certificate and its key;
    return the exit code."""
    from addin_server.observability.metrics import MULTIPROC_ENV

    # Workers write their metrics here and /metrics sums them; a fresh directory each run,
    # or the counts of a previous run would be summed in too.
    metrics_dir = tempfile.mkdtemp(prefix="penwise-metrics-")
    os.environ[MULTIPROC_ENV] = metrics_dir
    try:
        _PenwiseGunicorn(settings, tls).run()
    finally:
        os.environ.pop(MULTIPROC_ENV, None)
        shutil.rmtree(metrics_dir, ignore_errors=True)
    return 0
