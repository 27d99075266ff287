"""A canary string sent through every endpoint and error path, with API keys on, shows up in
no log line, no metric and no error body: only in the answers that are meant to carry it."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from addin_server import create_app
from tests.model_server import ModelServer, Reply
from tests.observability.conftest import AUTH, KEY

CANARY = "Zqxjcanary7731"
TEXT = f"{CANARY} teh cat sat on teh mat. It recieve alot of {CANARY} mail."


@pytest.fixture()
def canary_app(model: ModelServer) -> Flask:
    """Keys on, a model engine in front of the local one, small limits to trip 413s."""
    values = {
        "api_keys": (KEY,),
        "llm_base_url": model.url,
        "llm_model": model.model,
        "llm_timeout": 3.0,
        "llm_max_retries": 0,
        "max_text_chars": 400,
        "max_body_bytes": 4096,
    }
    app = create_app(values, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    return app


def send(
    client: FlaskClient, path: str, *, headers: dict[str, str] | None = None, **kwargs: Any
) -> TestResponse:
    """POST, read the whole answer (a stream runs to its end) and close it, as a server does."""
    return finish(client.post(path, headers=AUTH if headers is None else headers, **kwargs))


def finish(answer: TestResponse) -> TestResponse:
    answer.get_data()
    answer.close()
    return answer


def good_requests(client: FlaskClient) -> list[TestResponse]:
    """Every endpoint that takes text, answered normally (their answers may hold it)."""
    return [
        send(client, "/v1/check", json={"text": TEXT}),
        send(client, "/v1/check", json={"text": TEXT, "engine": "local"}),
        send(client, "/v1/improve", json={"text": TEXT}),
        send(client, "/v1/rewrite", json={"text": TEXT, "tone": "formal"}),
        send(client, "/v1/rewrite", json={"text": TEXT, "stream": True}),
        send(client, "/v1/ideas", json={"text": TEXT}),
        send(client, "/v1/check/paragraphs", json={"paragraphs": [{"id": "p", "text": TEXT}]}),
        send(client, "/v1/tokens", json={"text": TEXT}),
        send(client, "/v2/check", data={"text": TEXT, "language": "en-US", "apiKey": KEY}),
        send(client, "/v1/feedback", json={"rule_id": "style.wordiness", "action": "applied"}),
    ]


def error_requests(client: FlaskClient) -> list[TestResponse]:
    """Every error path a request carrying the canary can take."""
    json_type = {"content_type": "application/json"}
    return [
        # 422: bad fields next to the text, and the text where a value is expected
        send(client, "/v1/check", json={"text": TEXT, "engine": "bogus"}),
        send(client, "/v1/check", json={"text": TEXT, "categories": [CANARY]}),
        send(client, "/v1/rewrite", json={"text": TEXT, "tone": CANARY}),
        send(client, "/v1/rewrite", json={"text": TEXT, "instruction": CANARY * 30}),
        send(client, "/v1/ideas", json={"text": TEXT, "kinds": [CANARY]}),
        send(client, "/v1/tokens", json={"text": TEXT, "operation": CANARY}),
        send(client, "/v1/check", json={"text": TEXT, "language": f"{CANARY} x"}),
        send(client, "/v1/check", json=[TEXT]),
        send(client, "/v1/feedback", json={"rule_id": TEXT, "action": "applied"}),
        send(client, "/v1/feedback", json={"rule_id": "style.x", "action": CANARY}),
        send(
            client, "/v1/feedback", json={"rule_id": "style.x", "action": "applied", "tone": TEXT}
        ),
        # 413: the text, then the body, too long
        send(client, "/v1/check", json={"text": TEXT * 8}),
        send(client, "/v1/rewrite", json={"text": TEXT * 80}),
        send(client, "/v2/check", data={"text": TEXT * 8, "language": "en-US", "apiKey": KEY}),
        # 415
        send(client, "/v1/check", data=TEXT, content_type="text/plain"),
        send(client, "/v2/check", json={"text": TEXT, "language": "en-US"}),
        # 400: malformed JSON and UTF-8, missing LanguageTool parameters
        send(client, "/v1/check", data='{"text": "' + TEXT, **json_type),
        send(client, "/v1/check", data='{"text": "' + TEXT + '",}', **json_type),
        send(client, "/v1/check", data=b'{"text": "\xff' + TEXT.encode() + b'"}', **json_type),
        send(client, "/v2/check", data={"text": TEXT, "apiKey": KEY}),
        send(client, "/v2/check", data={"data": TEXT, "language": "en-US", "apiKey": KEY}),
        # 401: no key, a wrong key, the canary as the key (header and form field)
        send(client, "/v1/check", headers={}, json={"text": TEXT}),
        send(
            client, "/v1/check", headers={"X-API-Key": "wrong-key-0123456789"}, json={"text": TEXT}
        ),
        send(client, "/v1/check", headers={"Authorization": f"Bearer {CANARY}"}, json={}),
        send(
            client,
            "/v2/check",
            headers={},
            data={"text": TEXT, "language": "en-US", "apiKey": CANARY},
        ),
        # 404 and 405 with the canary in the path and the query
        finish(client.get(f"/v1/{CANARY}?text={CANARY}", headers=AUTH)),
        finish(client.get(f"/v1/check?text={CANARY}", headers=AUTH)),
    ]


def model_failures(client: FlaskClient, model: ModelServer) -> list[TestResponse]:
    """The model fails, or answers nonsense quoting the text: the local engine answers."""
    answers = []
    model.script(then=Reply(status=500, error_message=f"cannot process {TEXT}"))
    answers.append(send(client, "/v1/rewrite", json={"text": TEXT}))
    answers.append(send(client, "/v1/rewrite", json={"text": TEXT, "stream": True}))
    model.script(then=Reply(status=400, error_message=f"bad prompt: {TEXT}"))
    answers.append(send(client, "/v1/check", json={"text": TEXT}))
    model.script(then=Reply(raw_body=f'{{"choices": "{CANARY}"'))
    answers.append(send(client, "/v1/ideas", json={"text": TEXT}))
    model.script(then=Reply(content=f"Sure! Here is {CANARY}, not JSON"))
    answers.append(send(client, "/v1/check", json={"text": TEXT}))
    model.reset()
    return answers


def provenance_of(answer: TestResponse) -> str:
    """An answer's provenance as JSON text (a stream's is in its `done` event), or ""."""
    body = answer.get_data(as_text=True)
    if answer.mimetype == "text/event-stream":
        done = [event for event in body.split("\n\n") if event.startswith("event: done")]
        body = done[0].split("data: ", 1)[1] if done else "{}"
    elif answer.mimetype != "application/json":
        return ""
    provenance = json.loads(body or "{}").get("provenance")
    return json.dumps(provenance, sort_keys=True) if provenance else ""


def test_the_canary_is_in_no_log_metric_or_error_body(
    canary_app: Flask, model: ModelServer, caplog: pytest.LogCaptureFixture
) -> None:
    client = canary_app.test_client()
    with caplog.at_level(logging.DEBUG, logger="addin_server"):
        good = good_requests(client)
        errors = error_requests(client)
        fallbacks = model_failures(client, model)
        exposition = client.get("/metrics").get_data(as_text=True)
        stats = client.get("/v1/stats", headers=AUTH).get_data(as_text=True)

    assert [answer.status_code for answer in good] == [200] * 9 + [204]
    assert CANARY in good[3].get_data(as_text=True)  # the canary did reach the engines
    # Who wrote an answer's text (provenance) never carries the text itself.
    said = [provenance_of(answer) for answer in good + fallbacks]
    assert sum(1 for provenance in said if provenance) >= 10
    assert all(CANARY not in provenance for provenance in said)

    statuses = {answer.status_code for answer in errors}
    assert statuses == {400, 401, 404, 405, 413, 415, 422}, statuses
    for answer in errors:
        body = answer.get_data(as_text=True)
        assert answer.mimetype == "application/problem+json", body
        assert CANARY not in body, body
        assert CANARY not in str(answer.headers)

    for answer in fallbacks:
        assert answer.status_code == 200
        assert '"engine": "local"' in provenance_of(answer)  # the fallback wrote the text
        body = answer.get_data(as_text=True)
        # The answer holds the text (a fallback rewrite of it), never the model's error.
        assert "cannot process" not in body and "bad prompt" not in body
        for event in body.split("\n\n"):
            if event.startswith("event: error"):
                assert CANARY not in event

    assert "penwise_http_requests_total" in exposition
    assert CANARY not in exposition
    assert CANARY not in stats

    lines = [
        f"{record.getMessage()} {record.exc_text or ''}"
        for record in caplog.records
        if record.name.startswith("addin_server")
    ]
    assert any("/v1/check 200" in line and "id=" in line for line in lines)  # captured
    leaks = [line for line in lines if CANARY in line]
    assert not leaks, leaks
