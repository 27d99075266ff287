"""Penwise: a self-hosted writing assistant server for Word and Google Docs add-ins."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
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
    state_folder: Path | None = None,
) -> Flask:
    """Build the app: settings (env, then ``config``), engines, blueprints, error handlers.

    ``config`` is a :class:`Settings` or a mapping of setting names to values that override
    the ``ADDIN_*`` environment; a bad value raises :class:`ConfigError` naming the variable.
    What the server's processes share lives in ``state_folder`` (made by the process that
    forks them), else in a folder of the app's own (see :mod:`addin_server.store.folder`).
    """
    # The web stack (Flask, the model client, the limiter: about a second of imports) is
    # imported here, not with the package, so `addin-server check` never pays for it.
    from flask import Flask

    from addin_server.api import register_blueprints
    from addin_server.engines.llm import build_llm_engine
    from addin_server.engines.llm.breaker_store import SharedBreakerState
    from addin_server.engines.local.engine_setup import build_local_engine
    from addin_server.engines.local.result_cache import StoredResults
    from addin_server.errors import register_error_handlers
    from addin_server.limits import install_limits
    from addin_server.limits.in_flight import IN_FLIGHT_KEY
    from addin_server.observability.feedback import FeedbackStore
    from addin_server.observability.http import install_observability
    from addin_server.observability.logs import configure_logging, install_request_log
    from addin_server.security import install_access_control
    from addin_server.services import EXTENSION_KEY, Services
    from addin_server.store.blobs import BlobCache
    from addin_server.store.folder import STATE_FOLDER_KEY, StateFolder
    from addin_server.store.shared_state import SHARED_STATE_KEY, SharedState

    settings = config if isinstance(config, Settings) else Settings.load(environ, config)
    configure_logging(settings.serve.log_level)

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = settings.request.max_body_bytes
    app.json.sort_keys = False  # type: ignore[attr-defined]
    install_observability(app)  # first: a request refused below is still timed and counted
    install_access_control(app, settings.access)
    if state_folder is None:  # the app's own, removed with it
        owned = StateFolder(settings.state.state_dir, settings.serve.port)
        app.extensions[STATE_FOLDER_KEY] = owned
        state_folder = owned.path
    shared = app.extensions[SHARED_STATE_KEY] = SharedState(settings.state.redis_url, state_folder)
    budget = install_limits(app, settings.limits, shared)  # after the key check: limits are per key

    results = None
    local = settings.local
    if local.cache_mb:  # one paragraph cache for every worker of the server
        results = StoredResults(BlobCache(state_folder, local.cache_mb * 1_000_000))
    language = settings.request.default_language
    engines: dict[str, Engine] = {"local": build_local_engine(local, language, results)}
    app_services = Services(
        settings=settings, engines=engines, feedback=FeedbackStore(shared.counts)
    )
    app_services.background.append(shared.watch)
    # --- model (LLM) ---
    in_flight = app.extensions.get(IN_FLIGHT_KEY)  # its places for the model, if capped
    model = build_llm_engine(
        settings.model,
        settings.chunking,
        engines["local"],
        budget,
        SharedBreakerState(shared),
        in_flight and in_flight.model,
    )
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
