"""Which reverse proxies may say where a request really came from (``ADDIN_TRUSTED_PROXIES``).

A proxy that ends TLS (nginx) talks plain HTTP to the server and says what the writer asked for
in ``X-Forwarded-Proto``, ``X-Forwarded-Host`` and ``X-Forwarded-For``. Believed from anyone,
those headers let any client claim any address (and so any client's rate limit); believed from
no one, ``/manifest.xml`` behind the proxy names ``http://`` and Word refuses it (issue 30).

So they are believed from the listed proxies only, by default loopback (nginx on the same
machine, the README's set-up), and the same way under every server (waitress, gunicorn,
Flask's debug server): this WSGI layer does it, and the servers pass the headers on untouched.
The client's address is the last one in ``X-Forwarded-For`` that is not a trusted proxy's.

HSTS is the proxy's to send (it holds the certificate and the port 80 redirect): the server
sends it only over a TLS connection it ends itself, which :data:`DIRECT_TLS` records.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from typing import Any

from addin_server.config.values import Network

# The WSGI environ key that says the server itself ended TLS for this request.
DIRECT_TLS = "penwise.direct_tls"


class TrustedProxies:
    """WSGI middleware: take the scheme, host and client address from the forwarding headers
    of requests whose peer is one of ``networks``; ignore those headers from anyone else."""

    def __init__(self, app: Callable[..., Any], networks: tuple[Network, ...]) -> None:
        self.app = app
        self.networks = networks

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        environ[DIRECT_TLS] = environ.get("wsgi.url_scheme") == "https"
        if self.networks and self._trusted(environ.get("REMOTE_ADDR", "")):
            self._apply(environ)
        return self.app(environ, start_response)

    def _trusted(self, address: str) -> bool:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return False
        return any(ip in network for network in self.networks)

    def _apply(self, environ: dict[str, Any]) -> None:
        proto = _last(environ.get("HTTP_X_FORWARDED_PROTO", "")).lower()
        if proto in ("http", "https"):
            environ["wsgi.url_scheme"] = proto
            environ["SERVER_PORT"] = "443" if proto == "https" else "80"
        host = _last(environ.get("HTTP_X_FORWARDED_HOST", ""))
        if host:
            environ["HTTP_HOST"] = host
        hops = [hop.strip() for hop in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for hop in reversed([hop for hop in hops if hop]):
            environ["REMOTE_ADDR"] = hop
            if not self._trusted(hop):
                break


def _last(value: str) -> str:
    """The value the nearest proxy set: the last of a comma-separated list."""
    return value.rsplit(",", 1)[-1].strip()
