"""Forwarding headers are believed from ADDIN_TRUSTED_PROXIES only (loopback by default), the
same way under every server; HSTS only over TLS the server ends itself (issue 30)."""

from __future__ import annotations

import pytest
from flask import Flask, Response, jsonify, request

from addin_server import ConfigError, Settings
from tests.security.conftest import bare_app

FORWARDED = {
    "X-Forwarded-Proto": "https",
    "X-Forwarded-Host": "writer.example.org",
    "X-Forwarded-For": "203.0.113.9, 198.51.100.7",
}


def _app(environ: dict[str, str] | None = None) -> Flask:
    app = bare_app(environ)

    @app.get("/where")
    def where() -> Response:
        return jsonify(root=request.url_root, client=request.remote_addr)

    return app


def _where(app: Flask, peer: str, headers: dict[str, str] | None = None) -> dict[str, str]:
    client = app.test_client()
    answer = client.get("/where", headers=headers or FORWARDED, environ_base={"REMOTE_ADDR": peer})
    body: dict[str, str] = answer.json  # type: ignore[assignment]
    return body


@pytest.mark.parametrize("peer", ["127.0.0.1", "::1"])
def test_a_proxy_on_this_machine_is_believed_by_default(peer: str) -> None:
    # nginx on the same machine: the manifest names https:// and the public host, and limits
    # count the writer's address, the last one nginx appended.
    assert _where(_app(), peer) == {
        "root": "https://writer.example.org/",
        "client": "198.51.100.7",
    }


def test_a_client_elsewhere_cannot_claim_another_scheme_or_address() -> None:
    assert _where(_app(), "192.0.2.50") == {"root": "http://localhost/", "client": "192.0.2.50"}


def test_listed_proxies_and_none() -> None:
    listed = _app({"ADDIN_TRUSTED_PROXIES": "10.0.0.0/24"})
    assert _where(listed, "10.0.0.5")["root"] == "https://writer.example.org/"
    assert _where(listed, "127.0.0.1")["root"] == "http://localhost/"
    nobody = _app({"ADDIN_TRUSTED_PROXIES": "none"})
    assert _where(nobody, "127.0.0.1") == {"root": "http://localhost/", "client": "127.0.0.1"}


def test_the_client_is_the_last_hop_that_is_not_a_trusted_proxy() -> None:
    app = _app({"ADDIN_TRUSTED_PROXIES": "loopback,10.0.0.0/24"})
    chain = {"X-Forwarded-For": "1.2.3.4, 198.51.100.7, 10.0.0.9"}
    assert _where(app, "127.0.0.1", chain)["client"] == "198.51.100.7"


@pytest.mark.parametrize("value", ["*", "10.0.0.300", "proxy.example.org", ""])
def test_a_bad_list_stops_start_up(value: str) -> None:
    with pytest.raises(ConfigError, match="ADDIN_TRUSTED_PROXIES"):
        Settings.load({"ADDIN_TRUSTED_PROXIES": value or " , "})


def test_no_hsts_behind_the_proxy_but_over_the_servers_own_tls() -> None:
    client = _app().test_client()
    proxied = client.get("/healthz", headers=FORWARDED)  # nginx sends HSTS itself
    assert "Strict-Transport-Security" not in proxied.headers
    direct = client.get("/healthz", base_url="https://writer.example.org")
    assert direct.headers["Strict-Transport-Security"].startswith("max-age=")
