"""Run the app under gunicorn with threaded workers (LLM calls block; threads keep serving)."""

from __future__ import annotations

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

        return create_app(self._settings)


def run_gunicorn(settings: Settings, tls: tuple[str, str] | None = None) -> int:
    """Serve until interrupted, over HTTPS when ``tls`` names a certificate and its key;
    return the exit code."""
    _PenwiseGunicorn(settings, tls).run()
    return 0
