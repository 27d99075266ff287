"""Limits that protect the server and the model budget: rate limits per API key, a daily
token budget per key, and a cap on requests in flight. With ``ADDIN_REDIS_URL`` the rate
limits and budgets are shared by every instance (see :mod:`addin_server.store.shared_state`).

``install_limits`` is the one call ``create_app`` makes, after the API keys are checked so
that ``g.api_key_id`` names the client.
"""

from __future__ import annotations

from flask import Flask, request

from addin_server.config import LimitSettings
from addin_server.engines.llm.spending import PAYER
from addin_server.limits.budget import DailyTokenBudget
from addin_server.limits.finish import install_finish_hooks, when_finished
from addin_server.limits.identity import client_id, is_limited
from addin_server.limits.in_flight import in_flight_cap, install_in_flight_cap
from addin_server.limits.rate import install_rate_limit
from addin_server.store.shared_state import SharedState

__all__ = ["DailyTokenBudget", "client_id", "install_limits"]


def install_limits(
    app: Flask, limits: LimitSettings, shared: SharedState
) -> DailyTokenBudget | None:
    """Install the rate limit and the in-flight cap on ``app``, name each API request's
    payer for the model engine, and return the token budget (``None``: unlimited)."""
    install_finish_hooks(app)
    install_rate_limit(app, limits, shared)
    install_in_flight_cap(app, in_flight_cap(limits))
    if not limits.llm_daily_tokens:
        return None

    @app.before_request
    def _name_payer() -> None:
        if is_limited(request.path):
            PAYER.set(client_id())
            when_finished(lambda: PAYER.set(None))

    return DailyTokenBudget(limits.llm_daily_tokens, shared)
