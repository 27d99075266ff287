"""Bad input gets a clear problem+json answer, never a 500, and the server keeps serving."""

from __future__ import annotations

import pytest
from flask import Flask, request
from flask.testing import FlaskClient

from addin_server import create_app
from addin_server.schemas.common import ProblemSchema

PROBLEM = "application/problem+json"


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert ProblemSchema().validate(body) == {}
    assert body["status"] == status
    assert "Traceback" not in response.get_data(as_text=True)
    return body


@pytest.fixture(scope="module")
def small_app() -> Flask:
    return create_app({"max_text_chars": 50, "max_body_bytes": 2048}, environ={}, warm_up=False)


def test_malformed_json_is_400(client: FlaskClient) -> None:
    response = client.post("/v1/check", data=b'{"text": "oops', content_type="application/json")
    body = assert_problem(response, 400)
    assert "not valid JSON" in body["detail"]


def test_invalid_utf8_is_400(client: FlaskClient) -> None:
    response = client.post(
        "/v1/check", data=b'{"text": "\xff\xfe"}', content_type="application/json"
    )
    assert_problem(response, 400)


def test_wrong_content_type_is_415(client: FlaskClient) -> None:
    response = client.post("/v1/check", data="text=hello", content_type="text/plain")
    body = assert_problem(response, 415)
    assert "application/json" in body["detail"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": 5}, "text"),
        ({"text": None}, "text"),
        ({"text": "ok", "language": 7}, "language"),
        ({"text": "ok", "language": "not a tag!"}, "language"),
        ({"text": "ok", "dictionary": "word"}, "dictionary"),
        ({"text": "ok", "dictionary": [1, 2]}, "dictionary"),
        ({"text": "ok", "format": "html"}, "format"),
        ({"text": "ok", "surprise": True}, "surprise"),
    ],
)
def test_missing_or_wrong_fields_are_422_naming_the_field(
    client: FlaskClient, body: dict, field: str
) -> None:
    problem = assert_problem(client.post("/v1/check", json=body), 422)
    assert field in problem["errors"]
    assert field in problem["detail"]


@pytest.mark.parametrize("body", [b"[1, 2]", b'"text"', b"3", b"null"])
def test_a_body_that_is_not_an_object_is_422(client: FlaskClient, body: bytes) -> None:
    response = client.post("/v1/check", data=body, content_type="application/json")
    problem = assert_problem(response, 422)
    assert "object" in str(problem["errors"])


def test_text_over_the_limit_is_413(small_app: Flask) -> None:
    response = small_app.test_client().post("/v1/check", json={"text": "word " * 20})
    body = assert_problem(response, 413)
    assert "ADDIN_MAX_TEXT_CHARS" in body["detail"]


def test_body_over_the_limit_is_413(small_app: Flask) -> None:
    response = small_app.test_client().post(
        "/v1/check", data=b'{"text": "' + b"a" * 4000 + b'"}', content_type="application/json"
    )
    body = assert_problem(response, 413)
    assert "ADDIN_MAX_BODY_BYTES" in body["detail"]


def test_unknown_route_is_404(client: FlaskClient) -> None:
    assert_problem(client.get("/v1/nothing-here"), 404)


def test_wrong_method_is_405_with_allow(client: FlaskClient) -> None:
    response = client.get("/v1/check")
    assert_problem(response, 405)
    assert "POST" in response.headers["Allow"]


def test_an_unexpected_failure_is_a_500_problem_without_trace(caplog) -> None:
    app = create_app(environ={}, warm_up=False)

    @app.post("/boom")
    def boom() -> str:
        raise RuntimeError(f"failed on {request.get_json()['text']}")

    with caplog.at_level("ERROR"):
        response = app.test_client().post("/boom", json={"text": "Zqx private words"})
    body = assert_problem(response, 500)
    assert "Zqx" not in response.get_data(as_text=True)
    assert "RuntimeError" in caplog.text and "Zqx" not in caplog.text
    assert body["title"] == "Internal server error"


def test_the_server_keeps_serving_after_bad_input(client: FlaskClient) -> None:
    for data in (b"{", b"\xff", b"[]", b'{"text": 1}'):
        client.post("/v1/check", data=data, content_type="application/json")
    assert client.post("/v1/check", json={"text": "Fine."}).status_code == 200
