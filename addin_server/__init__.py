"""Penwise: a self-hosted writing assistant server for Word and Google Docs add-ins."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from addin_server.config import ConfigError, Settings
from addin_server.version import __version__

if TYPE_CHECKING:
    from flask import Flask

    from addin_server.engines.base import Engine

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
    # The web stack (Flask, the model client, the limiter: about a second of imports) is
    # imported here, not with the package, so `addin-server check` never pays for it.
    from flask import Flask

    from addin_server.api import register_blueprints
    from addin_server.engines.llm import build_llm_engine
    from addin_server.engines.local.engine_setup import build_local_engine
    from addin_server.errors import register_error_handlers
    from addin_server.limits import install_limits
    from addin_server.limits.in_flight import IN_FLIGHT_KEY
    from addin_server.logs import configure_logging, install_request_log
    from addin_server.observability.feedback import build_feedback_store
    from addin_server.observability.http import install_observability
    from addin_server.security import install_access_control
    from addin_server.services import EXTENSION_KEY, Services
    from addin_server.shared_state import SHARED_STATE_KEY, SharedState

    settings = config if isinstance(config, Settings) else Settings.load(environ, config)
    configure_logging(settings.log_level)

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    install_observability(app)  # first: a request refused below is still timed and counted
    install_access_control(app, settings)
    shared = app.extensions[SHARED_STATE_KEY] = SharedState(settings.redis_url)
    budget = install_limits(app, settings, shared)  # after the key check: limits are per key

    engines: dict[str, Engine] = {"local": build_local_engine(settings)}
    app_services = Services(
        settings=settings, engines=engines, feedback=build_feedback_store(shared)
    )
    # --- model (LLM) ---
    in_flight = app.extensions.get(IN_FLIGHT_KEY)  # its places for the model, if capped
    model = build_llm_engine(settings, engines["local"], budget, in_flight and in_flight.model)
    if model is not None:  # `auto` now means the model, with the local engine as fallback
        engines["llm"] = model
        app_services.default_engine = "llm"
        app_services.probes["llm"] = model.reachability
    if shared.configured:
        app_services.probes["redis"] = shared.status
    app.extensions[EXTENSION_KEY] = app_services

    register_error_handlers(app)
    register_blueprints(app)
    install_request_log(app)
    if warm_up:
        app_services.warm_up(background=True)
    return app
