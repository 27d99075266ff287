"""CORS from an allow-list: allowed origins echoed with Vary, others get no CORS headers."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from addin_server import ConfigError, Settings, create_app
from addin_server.security import CorsPolicy
from tests.security.conftest import SIDEBAR, bare_app

CORS_HEADERS = (
    "Access-Control-Allow-Origin",
    "Access-Control-Allow-Methods",
    "Access-Control-Allow-Headers",
    "Access-Control-Allow-Private-Network",
    "Access-Control-Expose-Headers",
    "Access-Control-Max-Age",
)


@pytest.fixture(scope="module")
def default_app() -> Flask:
    return bare_app()


@pytest.fixture()
def client(default_app: Flask) -> FlaskClient:
    return default_app.test_client()


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        (SIDEBAR, True),
        ("https://docs-abc123-script.googleusercontent.com", True),
        ("https://a.b.googleusercontent.com", True),
        ("HTTPS://Docs-1.GoogleUserContent.com", True),
        ("https://googleusercontent.com", False),  # the pattern needs a subdomain label
        ("http://docs-1.googleusercontent.com", False),  # https only, as written
        ("https://docs-1.googleusercontent.com:8443", False),  # no other port
        ("https://googleusercontent.com.evil.example", False),
        ("https://evilgoogleusercontent.com", False),
        ("https://evil.example", False),
        ("null", False),
        ("", False),
    ],
)
def test_default_allow_list(origin: str, allowed: bool) -> None:
    policy = CorsPolicy(Settings.load({}).access.cors_origins)
    assert policy.allows(origin) is allowed


def test_configured_exact_origins_and_patterns() -> None:
    origins = Settings.load(
        {"ADDIN_CORS_ORIGINS": "https://Writer.example.org/, http://*.intranet.example:8080"}
    ).access.cors_origins
    policy = CorsPolicy(origins)
    assert policy.allows("https://writer.example.org")
    assert not policy.allows("https://www.writer.example.org")
    assert policy.allows("http://pane.team.intranet.example:8080")
    assert not policy.allows("http://pane.intranet.example")
    assert not policy.allows(SIDEBAR)  # a configured list replaces the default


@pytest.mark.parametrize("value", ["*", "https://a.example, *", "null", "https://a.example/path"])
def test_a_wildcard_or_malformed_origin_stops_start_up(value: str) -> None:
    with pytest.raises(ConfigError, match="ADDIN_CORS_ORIGINS"):
        create_app(environ={"ADDIN_CORS_ORIGINS": value}, warm_up=False)


def test_an_allowed_origin_is_echoed_with_vary(client: FlaskClient) -> None:
    response = client.post("/v1/echo", json={}, headers={"Origin": SIDEBAR})
    assert response.headers["Access-Control-Allow-Origin"] == SIDEBAR
    assert "Origin" in response.headers["Vary"]
    assert "Retry-After" in response.headers["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response.headers


def test_a_foreign_origin_gets_no_cors_headers(client: FlaskClient) -> None:
    for origin in ("https://evil.example", "https://googleusercontent.com.evil.example"):
        response = client.post("/v1/echo", json={}, headers={"Origin": origin})
        assert response.status_code == 200
        assert not [name for name in CORS_HEADERS if name in response.headers]
        assert "Origin" in response.headers["Vary"]


def test_the_servers_own_origin_is_allowed(client: FlaskClient) -> None:
    response = client.get("/v1/echo", headers={"Origin": "http://localhost"})
    assert response.headers["Access-Control-Allow-Origin"] == "http://localhost"


def test_preflight_answers_204_with_methods_headers_and_max_age(client: FlaskClient) -> None:
    response = client.options(
        "/v1/echo",
        headers={
            "Origin": SIDEBAR,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, authorization",
        },
    )
    assert response.status_code == 204
    assert response.headers["Access-Control-Allow-Origin"] == SIDEBAR
    assert "POST" in response.headers["Access-Control-Allow-Methods"]
    allowed = {
        h.strip().lower() for h in response.headers["Access-Control-Allow-Headers"].split(",")
    }
    assert {"content-type", "authorization", "x-api-key", "x-request-id"} <= allowed
    assert int(response.headers["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Private-Network" not in response.headers


def test_private_network_preflight_is_allowed_for_allowed_origins_only(
    client: FlaskClient,
) -> None:
    asks = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Private-Network": "true",
    }
    allowed = client.options("/v1/echo", headers={"Origin": SIDEBAR, **asks})
    assert allowed.headers["Access-Control-Allow-Private-Network"] == "true"
    foreign = client.options("/v1/echo", headers={"Origin": "https://evil.example", **asks})
    assert foreign.status_code == 204
    assert not [name for name in CORS_HEADERS if name in foreign.headers]


def test_task_pane_modules_load_cross_origin_for_google_docs(client: FlaskClient) -> None:
    response = client.get("/taskpane/v/abc/app.js", headers={"Origin": SIDEBAR})
    assert response.headers["Access-Control-Allow-Origin"] == SIDEBAR
    assert response.headers["Cache-Control"].startswith("public")


def test_none_allows_only_the_servers_own_pages() -> None:
    client = bare_app(cors_origins="none").test_client()
    response = client.get("/v1/echo", headers={"Origin": SIDEBAR})
    assert "Access-Control-Allow-Origin" not in response.headers
