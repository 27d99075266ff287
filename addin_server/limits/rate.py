"""Rate limits per API key (per client address without keys) on /v1 and /v2, by flask-limiter.

One limit covers all API endpoints together (flask-limiter's application limits), counted
where the server's workers share state (:mod:`addin_server.limits.rate_storage`): on this
machine by default, so the limit holds for the server whatever ``ADDIN_WORKERS`` is; in
Redis with ``ADDIN_REDIS_URL``, so it holds across instances, and on the machine while Redis
is away. An error the storage cannot fall back from is logged and the request goes on
(``swallow_errors``): a broken limiter must not refuse the writer.

The answers carry the IETF draft's ``RateLimit-Policy`` and ``RateLimit`` fields
(draft-ietf-httpapi-ratelimit-headers), and a 429 also ``Retry-After``; flask-limiter's own
header option writes only the older ``X-RateLimit-*`` trio, so they are written here from
its ``current_limit``.
"""

from __future__ import annotations

import logging
import math
import time
from typing import Any

from flask import Flask, Response, request
from flask_limiter import Limiter, RateLimitExceeded

from addin_server.config import LimitSettings
from addin_server.errors import problem
from addin_server.limits.identity import client_id, is_limited
from addin_server.limits.rate_storage import SCHEME
from addin_server.store.shared_state import SharedState

log = logging.getLogger(__name__)
POLICY = "penwise"

try:  # metrics are another part of the server; the limits stand without them
    from addin_server.observability.metrics import count_rate_limited
except ImportError:  # pragma: no cover

    def count_rate_limited() -> None:
        """No metrics in this build."""


def install_rate_limit(app: Flask, limits: LimitSettings, shared: SharedState) -> Limiter | None:
    """Limit ``app``'s API to ``ADDIN_RATE_LIMIT`` per client; ``None`` when unset."""
    if not limits.rate_limit:
        return None
    options: dict[str, Any] = {"shared": shared}
    limiter = Limiter(
        client_id,
        app=app,
        application_limits=[limits.rate_limit],
        storage_uri=f"{SCHEME}://",
        storage_options=options,
        headers_enabled=False,
        swallow_errors=True,
        key_prefix="penwise",
    )
    limiter.request_filter(lambda: not is_limited(request.path))
    app.register_error_handler(RateLimitExceeded, _too_many)

    @app.after_request
    def _rate_limit_headers(response: Response) -> Response:
        add_rate_limit_headers(limiter, response)
        return response

    return limiter


def add_rate_limit_headers(limiter: Limiter, response: Response) -> None:
    """``RateLimit-Policy``, ``RateLimit`` and, on a 429, ``Retry-After``."""
    current = limiter.current_limit
    if current is None:
        return
    try:
        remaining, reset_at = current.remaining, current.window[0]
    except Exception as error:  # the storage failed after the check: answer without them
        log.debug("rate limit headers skipped (%s)", type(error).__name__)
        return
    amount, window = current.limit.amount, current.limit.get_expiry()
    # Whole seconds until the window ends, rounded up, never more than the window: a 60 s
    # window says t=60 on its first request and counts down (flask-limiter's reset_at adds 1).
    seconds = min(math.ceil(max(reset_at - time.time(), 0)), window)
    response.headers["RateLimit-Policy"] = f'"{POLICY}";q={amount};w={window}'
    response.headers["RateLimit"] = f'"{POLICY}";r={max(remaining, 0)};t={seconds}'
    if response.status_code == 429:
        response.headers["Retry-After"] = str(max(seconds, 1))


def _too_many(error: RateLimitExceeded) -> Response:
    count_rate_limited()
    return problem(
        429,
        "Too many requests",
        f"Requests with this API key (or from this address) are limited to "
        f"{error.description} (ADDIN_RATE_LIMIT); retry after Retry-After seconds.",
        "rate-limited",
    )
