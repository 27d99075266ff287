"""Health, readiness, server info and the OpenAPI document."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from addin_server import __version__, create_app


def test_healthz_and_readyz(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json() == {"status": "ready", "checks": {"local": "ready"}}


def test_readyz_is_503_until_the_engines_are_built() -> None:
    app = create_app(environ={}, warm_up=False)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"local": "starting"}


def test_info_reports_version_engines_limits_and_languages(client: FlaskClient) -> None:
    info = client.get("/v1/info").get_json()
    assert info["version"] == __version__
    assert info["engines"] == ["local"] and info["default_engine"] == "local"
    assert "en-GB" in info["languages"]
    assert info["limits"]["max_text_chars"] == 1_000_000
    assert info["limits"]["max_body_bytes"] == 8 * 1024 * 1024


def test_openapi_is_valid_3_1_and_covers_every_endpoint(app: Flask, client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    validate(spec)
    assert spec["openapi"] == "3.1.0"
    routes = {
        (re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    documented = {(path, method) for path, item in spec["paths"].items() for method in item}
    assert routes == documented
    check = spec["paths"]["/v1/check"]["post"]
    assert "422" in check["responses"] and "requestBody" in check


def test_cors_lets_the_google_docs_sidebar_call(client: FlaskClient) -> None:
    # The full CORS behaviour is tested in tests/security/test_cors.py.
    sidebar = "https://n-abc123-0lu-script.googleusercontent.com"
    response = client.options(
        "/v1/check", headers={"Origin": sidebar, "Access-Control-Request-Method": "POST"}
    )
    assert response.status_code == 204
    assert response.headers.get("Access-Control-Allow-Origin") == sidebar
