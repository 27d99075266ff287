"""Penwise: a self-hosted writing assistant server for Word and Google Docs add-ins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import Flask
from flask_cors import CORS

from addin_server.api import register_blueprints
from addin_server.config import ConfigError, Settings
from addin_server.engines.local import LocalEngine
from addin_server.errors import register_error_handlers
from addin_server.logs import configure_logging, install_request_log
from addin_server.services import EXTENSION_KEY, Services
from addin_server.version import __version__

__all__ = ["ConfigError", "Settings", "__version__", "create_app"]


def create_app(
    config: Settings | Mapping[str, Any] | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    warm_up: bool = True,
) -> Flask:
    """Build the app: settings (env, then ``config``), engines, blueprints, error handlers.

    ``config`` is a :class:`Settings` or a mapping of setting names to values that override
    the ``ADDIN_*`` environment; a bad value raises :class:`ConfigError` naming the variable.
    """
    settings = config if isinstance(config, Settings) else Settings.load(environ, config)
    configure_logging(settings.log_level)

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    CORS(app, origins=list(settings.cors_origins))

    engines = {
        "local": LocalEngine(settings.default_language, chunk_threads=settings.local_chunk_threads)
    }
    app_services = Services(settings=settings, engines=engines)
    app.extensions[EXTENSION_KEY] = app_services

    register_error_handlers(app)
    register_blueprints(app)
    install_request_log(app)
    if warm_up:
        app_services.warm_up(background=True)
    return app
