"""Cross-origin access from an allow-list of exact origins and ``https://*.domain`` patterns.

Office frames the task pane from our own server, so its calls are same-origin and need no
CORS. Google Docs' sidebar runs in Apps Script's sandbox (``https://*.googleusercontent.com``)
and loads our modules and calls the API cross-origin. Keys travel in headers, never cookies,
so credentials are never allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import Request, Response

ALLOWED_METHODS = "GET, HEAD, POST"
ALLOWED_HEADERS = "Content-Type, Authorization, X-API-Key, X-Request-ID"
# Headers the task pane reads from answers beyond the CORS-safelisted ones.
EXPOSED_HEADERS = (
    "X-Request-ID, Retry-After, RateLimit, RateLimit-Policy, WWW-Authenticate, Server-Timing"
)
# Chrome caps a cached preflight at two hours; an hour keeps allow-list changes timely.
MAX_AGE_SECONDS = 3600

_ORIGIN = re.compile(r"(https?)://([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?")


@dataclass(frozen=True)
class _Pattern:
    """``scheme://*.suffix[:port]``: one or more labels before ``suffix``, same scheme."""

    scheme: str
    suffix: str
    port: str

    def matches(self, scheme: str, host: str, port: str) -> bool:
        """Whether ``scheme://host[port]`` is a subdomain origin this pattern admits."""
        return (scheme, port) == (self.scheme, self.port) and host.endswith("." + self.suffix)


class CorsPolicy:
    """Decide which origins may read our answers, and write the CORS headers."""

    def __init__(self, origins: tuple[str, ...]) -> None:
        self._exact = frozenset(origin for origin in origins if "*" not in origin)
        self._patterns = tuple(_pattern(origin) for origin in origins if "*" in origin)

    def allows(self, origin: str, own_origin: str = "") -> bool:
        """Whether a page at ``origin`` may call us (always true for our own origin)."""
        origin = origin.lower()
        match = _ORIGIN.fullmatch(origin)
        if match is None:
            return False
        if origin in self._exact or origin == own_origin.lower():
            return True
        scheme, host, port = match.group(1), match.group(2), match.group(3) or ""
        return any(pattern.matches(scheme, host, port) for pattern in self._patterns)

    def is_preflight(self, request: Request) -> bool:
        """Whether ``request`` is a browser's CORS preflight."""
        return request.method == "OPTIONS" and "Access-Control-Request-Method" in request.headers

    def preflight(self, request: Request) -> Response:
        """Answer a preflight: 204, with permissions only for an allowed origin."""
        response = Response(status=204)
        del response.headers["Content-Type"]
        if self._allowed(request):
            response.headers["Access-Control-Allow-Methods"] = ALLOWED_METHODS
            response.headers["Access-Control-Allow-Headers"] = ALLOWED_HEADERS
            response.headers["Access-Control-Max-Age"] = str(MAX_AGE_SECONDS)
            if request.headers.get("Access-Control-Request-Private-Network") == "true":
                response.headers["Access-Control-Allow-Private-Network"] = "true"
        return response

    def decorate(self, request: Request, response: Response) -> None:
        """Echo an allowed origin on ``response``; say it varies by origin in any case."""
        response.vary.add("Origin")
        if not self._allowed(request):
            return
        response.headers["Access-Control-Allow-Origin"] = request.headers["Origin"]
        if not self.is_preflight(request):
            response.headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS

    def _allowed(self, request: Request) -> bool:
        origin = request.headers.get("Origin")
        return origin is not None and self.allows(origin, f"{request.scheme}://{request.host}")


def _pattern(origin: str) -> _Pattern:
    scheme, rest = origin.split("://", 1)
    host, _, port = rest.removeprefix("*.").partition(":")
    return _Pattern(scheme, host, f":{port}" if port else "")
