"""Security headers on every response; no-store on API answers; HSTS over HTTPS only."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.security.conftest import bare_app


@pytest.fixture(scope="module")
def app() -> Flask:
    return bare_app()


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.mark.parametrize("path", ["/v1/echo", "/healthz", "/taskpane/v/abc/app.js", "/missing"])
def test_every_response_has_nosniff_and_no_referrer(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "X-Frame-Options" not in response.headers  # Office frames the task pane


def test_api_answers_are_not_stored(client: FlaskClient) -> None:
    assert client.get("/v1/echo").headers["Cache-Control"] == "no-store"
    assert client.post("/v2/check").headers["Cache-Control"] == "no-store"
    assert client.get("/v1/nothing-here").headers["Cache-Control"] == "no-store"
    assert "Cache-Control" not in client.get("/healthz").headers


def test_a_views_own_cache_control_is_kept(client: FlaskClient) -> None:
    response = client.get("/taskpane/v/abc/app.js")
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_hsts_only_over_https_and_never_for_localhost(client: FlaskClient) -> None:
    secure = client.get("/healthz", base_url="https://writer.example.org")
    assert secure.headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Strict-Transport-Security" not in client.get("/healthz").headers
    for host in ("localhost:8443", "127.0.0.1:8443", "[::1]:8443"):
        local = client.get("/healthz", base_url=f"https://{host}")
        assert "Strict-Transport-Security" not in local.headers, host
