"""Whom a request's limits and budget belong to, and which requests they apply to."""

from __future__ import annotations

from flask import g, request

from addin_server.security.keys import requires_key


def client_id() -> str:
    """``key:<id>`` for a request with a valid API key, else ``addr:<client address>``.

    Behind a reverse proxy every request comes from the proxy's address: give each team or
    client its own key (``ADDIN_API_KEYS``) so that each has its own limit and budget.
    """
    key = g.get("api_key_id")
    return f"key:{key}" if key else f"addr:{request.remote_addr or 'unknown'}"


def is_limited(path: str) -> bool:
    """Whether limits apply to ``path``: the API (/v1, /v2), the same paths that need a
    key, so health checks, the task pane, the manifest and metrics stay open."""
    return requires_key(path)
