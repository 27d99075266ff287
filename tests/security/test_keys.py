"""API keys: /v1 and /v2 need one when keys are set; health, task pane and docs stay open."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from addin_server import ConfigError, Settings, create_app
from tests.conftest import RefusedStart
from tests.security.conftest import SIDEBAR, bare_app

KEY = "pw_test_key_0123456789abcdef"
OTHER = "pw_other_key_fedcba9876543210"
FILE_KEY = "pw_file_key_aaaaaaaaaaaaaaaa"


def sha256(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@pytest.fixture(scope="module")
def keyed() -> FlaskClient:
    return bare_app(api_keys=f"{KEY},{OTHER}").test_client()


@pytest.fixture(scope="module")
def real_app() -> Flask:
    """The whole server with a key, warmed so /v2/check answers."""
    app = create_app({"api_keys": KEY}, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    return app


def test_without_a_key_the_api_answers_401_problem(keyed: FlaskClient) -> None:
    response = keyed.post("/v1/echo", json={})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.headers["WWW-Authenticate"] == 'Bearer realm="penwise"'
    assert response.get_json()["type"] == "urn:penwise:problem:unauthorized"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_wrong_key_is_refused(keyed: FlaskClient) -> None:
    for headers in ({"Authorization": "Bearer nope-nope-nope-nope"}, {"X-API-Key": KEY + "x"}):
        response = keyed.post("/v1/echo", json={}, headers=headers)
        assert response.status_code == 401
        assert response.get_json()["title"] == "API key not accepted"


@pytest.mark.parametrize(
    "headers",
    [
        {"Authorization": f"Bearer {KEY}"},
        {"Authorization": f"bearer {OTHER}"},
        {"X-API-Key": KEY},
    ],
)
def test_a_valid_key_in_a_header_is_accepted(keyed: FlaskClient, headers: dict) -> None:
    assert keyed.post("/v1/echo", json={}, headers=headers).status_code == 200


def test_languagetool_clients_send_the_key_as_a_form_field(keyed: FlaskClient) -> None:
    form = {"text": "Hello.", "language": "en-US", "username": "ann", "apiKey": KEY}
    assert keyed.post("/v2/check", data=form).status_code == 200
    assert keyed.post("/v2/check", data={**form, "apiKey": "wrong"}).status_code == 401


def test_health_and_static_files_stay_open(keyed: FlaskClient) -> None:
    for path in ("/healthz", "/v2/healthcheck", "/taskpane/v/abc/app.js"):
        assert keyed.get(path).status_code == 200, path


def test_preflights_never_need_a_key_and_401s_are_readable_by_the_task_pane(
    keyed: FlaskClient,
) -> None:
    preflight = keyed.options(
        "/v1/echo", headers={"Origin": SIDEBAR, "Access-Control-Request-Method": "POST"}
    )
    assert preflight.status_code == 204
    refused = keyed.post("/v1/echo", json={}, headers={"Origin": SIDEBAR})
    assert refused.status_code == 401
    assert refused.headers["Access-Control-Allow-Origin"] == SIDEBAR
    assert "WWW-Authenticate" in refused.headers["Access-Control-Expose-Headers"]


def test_without_keys_the_api_is_open() -> None:
    assert bare_app().test_client().post("/v1/echo", json={}).status_code == 200


def test_the_whole_server_with_a_key(real_app: Flask, caplog: pytest.LogCaptureFixture) -> None:
    client = real_app.test_client()
    caplog.set_level(logging.DEBUG)
    text = {"text": "Their going home."}
    assert client.post("/v1/check", json=text).status_code == 401
    ok = client.post("/v1/check", json=text, headers={"Authorization": f"Bearer {KEY}"})
    assert ok.status_code == 200
    form = {"text": "Their going home.", "language": "en-US", "apiKey": KEY}
    assert client.post("/v2/check", data=form).status_code == 200
    assert client.post("/v2/check", data={**form, "apiKey": ""}).status_code == 401
    for path in ("/healthz", "/readyz", "/openapi.json", "/v2/healthcheck"):
        assert client.get(path).status_code == 200, path
    assert KEY not in caplog.text


def test_openapi_declares_the_key_schemes(real_app: Flask) -> None:
    spec = real_app.test_client().get("/openapi.json").get_json()
    schemes = spec["components"]["securitySchemes"]
    assert schemes["bearer"] == {"type": "http", "scheme": "bearer"}
    assert schemes["apiKey"] == {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    check = spec["paths"]["/v1/check"]["post"]
    assert check["security"] == [{"bearer": []}, {"apiKey": []}]
    assert "401" in check["responses"]
    assert "security" not in spec["paths"]["/healthz"]["get"]
    assert "security" not in spec["paths"]["/v2/healthcheck"]["get"]


def test_a_keys_file_of_hashes(tmp_path: Path) -> None:
    keys_file = tmp_path / "keys.txt"
    keys_file.write_text(
        f"# the writers' team\n{sha256(FILE_KEY)}  -\n\n{sha256(OTHER).upper()} # editors\n"
    )
    client = bare_app({"ADDIN_API_KEYS_FILE": str(keys_file)}).test_client()
    assert client.get("/v1/echo", headers={"X-API-Key": FILE_KEY}).status_code == 200
    assert client.get("/v1/echo", headers={"X-API-Key": OTHER}).status_code == 200
    assert client.get("/v1/echo", headers={"X-API-Key": KEY}).status_code == 401


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (f"{sha256(KEY)}\n# fine\n{FILE_KEY}\n", "line 3"),
        ("# only comments\n\n", "no key hashes"),
        (f"{sha256(KEY)[:-1]}\n", "line 1"),
    ],
)
def test_a_malformed_keys_file_stops_start_up(tmp_path: Path, content: str, reason: str) -> None:
    keys_file = tmp_path / "keys.txt"
    keys_file.write_text(content)
    with pytest.raises(ConfigError, match="ADDIN_API_KEYS_FILE") as error:
        Settings.load({"ADDIN_API_KEYS_FILE": str(keys_file)})
    assert reason in str(error.value)
    assert FILE_KEY not in str(error.value)  # a pasted key is never echoed


def test_a_missing_keys_file_stops_start_up(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ADDIN_API_KEYS_FILE"):
        Settings.load({"ADDIN_API_KEYS_FILE": str(tmp_path / "absent.txt")})


def test_a_short_key_is_refused_without_showing_it() -> None:
    with pytest.raises(ConfigError, match="ADDIN_API_KEYS") as error:
        Settings.load({"ADDIN_API_KEYS": f"{KEY},short"})
    assert "<hidden>" in str(error.value) and KEY not in str(error.value)
    assert KEY not in repr(Settings.load({"ADDIN_API_KEYS": KEY}))


@pytest.mark.slow
def test_the_server_does_not_start_with_a_bad_keys_file(
    tmp_path: Path, refused_start: RefusedStart
) -> None:
    keys_file = tmp_path / "keys.txt"
    keys_file.write_text("not-a-hash\n")
    said = refused_start({"ADDIN_API_KEYS_FILE": str(keys_file)})
    assert "ADDIN_API_KEYS_FILE" in said and "line 1" in said
