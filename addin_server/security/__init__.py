"""Who gets in: the CORS allow-list, security headers on every response, API keys, and which
proxies may say where a request came from.

``install_access_control`` is the one call ``create_app`` makes; the modules below know
nothing of the engines or the API's views.
"""

from __future__ import annotations

from flask import Flask, Response, request

from addin_server.config import AccessSettings
from addin_server.config.values import parse_networks
from addin_server.security.cors import CorsPolicy
from addin_server.security.headers import add_security_headers
from addin_server.security.keys import ApiKeys, requires_key
from addin_server.security.proxies import TrustedProxies

__all__ = ["ApiKeys", "CorsPolicy", "install_access_control", "requires_key"]


def install_access_control(app: Flask, access: AccessSettings) -> None:
    """Believe the forwarding headers of trusted proxies only, answer CORS preflights, ask
    for an API key where one is configured, and add the CORS and security headers to every
    response of ``app``."""
    app.wsgi_app = TrustedProxies(  # type: ignore[method-assign]
        app.wsgi_app, parse_networks(access.trusted_proxies)
    )
    cors = CorsPolicy(access.cors_origins)
    keys = ApiKeys.from_settings(access)

    @app.before_request
    def _admit() -> Response | None:
        # A preflight carries no credentials by design: answer it before the key check.
        if cors.is_preflight(request):
            return cors.preflight(request)
        if keys.enabled and requires_key(request.path):
            return keys.refuse_unless_valid(request)
        return None

    @app.after_request
    def _headers(response: Response) -> Response:
        cors.decorate(request, response)
        add_security_headers(request, response)
        return response
