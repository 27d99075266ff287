"""Security headers on every response.

No ``X-Frame-Options``: Office frames the task pane, and the pane's own CSP (set by the
taskpane blueprint) says who may frame it.
"""

from __future__ import annotations

import ipaddress

from flask import Request, Response

from addin_server.security.proxies import DIRECT_TLS

HSTS = "max-age=31536000"
_API_PREFIXES = ("/v1/", "/v2/")


def add_security_headers(request: Request, response: Response) -> None:
    """Add nosniff, no-referrer, no-store on API answers, and HSTS over a TLS connection the
    server ends itself (behind a proxy, the proxy sends it: see security.proxies)."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    # API answers hold the writer's text; a view that chose its own caching keeps it.
    if request.path.startswith(_API_PREFIXES) and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    if request.environ.get(DIRECT_TLS, request.is_secure) and not _is_local(request.host):
        response.headers.setdefault("Strict-Transport-Security", HSTS)


def _is_local(host: str) -> bool:
    # Browsers ignore HSTS from IP literals (RFC 6797 8.1), and pinning `localhost` to HTTPS
    # would break every other development server the writer runs there.
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.strip("[]")
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True
