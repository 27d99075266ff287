"""Every request has an id: the client's when it is a sane token, else a new one."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from addin_server import create_app
from addin_server.api.events import event_stream_response
from addin_server.engines.llm.errors import ModelTimeout
from addin_server.engines.streaming import Delta, RewriteEvent
from tests.observability.conftest import KEY

GENERATED = re.compile(r"[0-9a-f]{32}")


@pytest.fixture(scope="module")
def keyed_app() -> Flask:
    """An app that asks for an API key."""
    return create_app({"api_keys": (KEY,)}, environ={}, warm_up=False)


def test_a_sane_client_id_is_echoed(client: FlaskClient) -> None:
    answer = client.get("/healthz", headers={"X-Request-ID": "req-42.A_b"})
    assert answer.headers["X-Request-ID"] == "req-42.A_b"


def test_an_id_is_generated_when_absent(client: FlaskClient) -> None:
    first = client.get("/healthz").headers["X-Request-ID"]
    second = client.get("/healthz").headers["X-Request-ID"]
    assert GENERATED.fullmatch(first) and GENERATED.fullmatch(second)
    assert first != second


@pytest.mark.parametrize("offered", ["x" * 65, "has space", "semi;colon", "ünïcode", "a/b"])
def test_an_unsafe_client_id_is_replaced(client: FlaskClient, offered: str) -> None:
    answer = client.get("/healthz", headers={"X-Request-ID": offered})
    assert GENERATED.fullmatch(answer.headers["X-Request-ID"])


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("post", "/v1/check", {"json": {"text": 5}}, 422),
        ("post", "/v1/check", {"data": "{", "content_type": "application/json"}, 400),
        ("post", "/v1/check", {"data": "text", "content_type": "text/plain"}, 415),
        ("get", "/no/such/page", {}, 404),
        ("get", "/v1/check", {}, 405),
    ],
)
def test_problem_bodies_carry_the_id(
    client: FlaskClient, method: str, path: str, kwargs: dict, status: int
) -> None:
    answer = getattr(client, method)(path, headers={"X-Request-ID": "trace-7"}, **kwargs)
    assert answer.status_code == status
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["request_id"] == "trace-7"
    assert answer.headers["X-Request-ID"] == "trace-7"


def test_an_auth_refusal_carries_the_id(keyed_app: Flask) -> None:
    answer = keyed_app.test_client().post("/v1/check", json={"text": "Hi."})
    assert answer.status_code == 401
    assert answer.get_json()["request_id"] == answer.headers["X-Request-ID"]


def test_streamed_error_events_carry_the_id(app: Flask) -> None:
    def failing() -> Iterator[RewriteEvent]:
        yield Delta("Partial ")
        raise ModelTimeout("The model did not answer within 3 s.")

    headers = {"X-Request-ID": "sse-1"}
    with app.test_request_context("/v1/rewrite", method="POST", headers=headers):
        body = "".join(event_stream_response("Partial text.", failing()).response)  # type: ignore[arg-type]
    error = json.loads(body.split("event: error\ndata: ")[1].split("\n")[0])
    assert error["request_id"] == "sse-1" and error["status"] == 503


def test_the_request_log_line_has_the_id(
    client: FlaskClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="addin_server"):
        client.get("/healthz", headers={"X-Request-ID": "logged-id-9"})
    lines = [r.getMessage() for r in caplog.records if r.name == "addin_server.requests"]
    assert any("/healthz 200" in line and "id=logged-id-9" in line for line in lines)
