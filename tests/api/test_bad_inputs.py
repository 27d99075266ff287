"""Hostile and unlucky requests: each gets its own status and problem type, fast, and the
server stays healthy after it (issue 11, finding 5)."""

from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from marshmallow import Schema, fields, validate

from addin_server.schemas import check, feedback, ideas, languagetool, rewrite, tokens

MAX_BODY = 8 * 1024**2  # ADDIN_MAX_BODY_BYTES's default
TEN_MB = b'{"text": "' + b"a" * (10 * 1024**2) + b'"}'


@dataclass(frozen=True)
class Bad:
    """One request and what it must get back."""

    body: bytes | None = None
    status: int = 400
    problem: str | None = "malformed-body"  # the slug of the problem type; None: no problem
    path: str = "/v1/check"
    content_type: str = "application/json"
    form: dict[str, str] | None = None
    chunked: bool = False  # sent without a Content-Length (Transfer-Encoding: chunked)
    extra: dict[str, Any] = field(default_factory=dict)


def _json(value: Any) -> bytes:
    return json.dumps(value).encode()


CASES = {
    "not JSON": Bad(b"text=hello"),
    "truncated JSON": Bad(b'{"text": "Their is'),
    "not UTF-8": Bad(b'{"text": "caf\xe9"}'),
    "JSON nested 10,000 deep": Bad(b"[" * 10_000 + b"]" * 10_000),
    "an object nested 10,000 deep": Bad(b'{"text": "x", "style_guide": ' + b'{"a":' * 10_000),
    "form data": Bad(b"text=hi", 415, "unsupported-media-type", content_type="text/plain"),
    "a JSON array": Bad(b'["text"]', 422, "validation-failed"),
    "text of the wrong type": Bad(_json({"text": 5}), 422, "validation-failed"),
    "no text": Bad(_json({"language": "en-US"}), 422, "validation-failed"),
    "an unknown field": Bad(_json({"text": "hi", "colour": 1}), 422, "validation-failed"),
    "a 10 MB body": Bad(TEN_MB, 413, None),
    "a 10 MB body without Content-Length": Bad(TEN_MB, 413, None, chunked=True),
    "a 3 MB list of categories": Bad(
        _json({"text": "hi", "categories": ["x" * 10] * 250_000}), 422, "validation-failed"
    ),
    "a lone surrogate in dictionary": Bad(
        b'{"text": "hi", "dictionary": ["ok", "a\\ud800b"]}', 422, "validation-failed"
    ),
    "a text longer than the limit": Bad(_json({"text": "a " * 600_000}), 413, "text-too-long"),
    "NUL in the text": Bad(_json({"text": "Their is\u0000 a error."}), 200, None),
    "empty text": Bad(_json({"text": ""}), 200, None),
    "whitespace-only text": Bad(_json({"text": " \n\t "}), 200, None),
    "/v2 with an unknown language": Bad(
        path="/v2/check", form={"text": "hi", "language": "xx-YY"}, problem="unsupported-language"
    ),
    "/v2 without a language": Bad(
        path="/v2/check", form={"text": "hi"}, problem="missing-parameter"
    ),
    "/v2 data nested 10,000 deep": Bad(
        path="/v2/check", form={"data": "[" * 10_000, "language": "en-US"}
    ),
}


@pytest.fixture(scope="module")
def small_app() -> Flask:
    """An app with the default text limit (the shared one accepts a million characters)."""
    from addin_server import create_app

    app = create_app({"max_text_chars": 1_000_000 // 2}, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    return app


@pytest.mark.parametrize("name", CASES)
def test_each_bad_request_gets_its_status_and_problem_and_the_server_stays_well(
    small_app: Flask, name: str
) -> None:
    bad = CASES[name]
    client = small_app.test_client()
    started = time.monotonic()
    response = _send(client, bad)
    seconds = time.monotonic() - started
    assert response.status_code == bad.status, response.get_data(as_text=True)[:300]
    if bad.problem is not None:
        assert response.mimetype == "application/problem+json"
        assert response.get_json()["type"] == f"urn:penwise:problem:{bad.problem}"
    elif bad.status >= 400:
        assert response.mimetype == "application/problem+json"
    assert len(response.get_data()) < 4096  # an error body lists a few errors, not all
    assert seconds < 5, f"{name}: {seconds:.1f} s"
    assert client.get("/healthz").status_code == 200
    healthy = client.post("/v1/check", json={"text": "Their is a error."})
    assert healthy.status_code == 200 and healthy.get_json()["issues"]


def _send(client: FlaskClient, bad: Bad) -> Any:
    if bad.form is not None:
        return client.post(bad.path, data=bad.form)
    if bad.chunked:  # what a WSGI server hands over for Transfer-Encoding: chunked
        return client.post(
            bad.path,
            input_stream=io.BytesIO(bad.body or b""),
            content_type=bad.content_type,
            environ_overrides={"wsgi.input_terminated": True},
        )
    return client.post(bad.path, data=bad.body, content_type=bad.content_type)


def test_a_chunked_body_within_the_limit_is_read_whole(client: FlaskClient) -> None:
    body = _json({"text": "Their is a error. " + "Fine words here. " * 1000})
    response = client.post(
        "/v1/check",
        input_stream=io.BytesIO(body),
        content_type="application/json",
        environ_overrides={"wsgi.input_terminated": True},
    )
    assert response.status_code == 200 and response.get_json()["issues"]


def test_an_error_body_lists_a_few_errors_per_field(client: FlaskClient) -> None:
    response = client.post("/v1/check", json={"text": "hi", "categories": ["nope"] * 40})
    assert response.status_code == 422
    errors = response.get_json()["errors"]["categories"]
    assert len(errors) == 4 and errors["_more"] == ["37 more not shown."]


def _request_schemas() -> list[type[Schema]]:
    modules = (check, feedback, ideas, languagetool, rewrite, tokens)
    return [
        value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, type)
        and issubclass(value, Schema)
        and name.endswith(("RequestSchema", "FormSchema", "QuerySchema"))
    ]


def test_every_list_a_client_sends_has_a_maximum() -> None:
    checked = 0
    for schema in _request_schemas():
        for name, spec in schema().load_fields.items():
            if isinstance(spec, fields.List) and not spec.dump_only:
                limits = [v.max for v in spec.validators if isinstance(v, validate.Length)]
                assert any(limits), f"{schema.__name__}.{name} has no maximum length"
                checked += 1
    assert checked >= 4
