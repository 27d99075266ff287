"""``/v1/rewrite``, ``/v1/tones``, ``/v1/ideas`` and ``/v1/improve`` with the local engine."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from addin_server.schemas.ideas import IdeasResponseSchema
from addin_server.schemas.rewrite import (
    ImproveResponseSchema,
    RewriteResponseSchema,
    TonesResponseSchema,
)
from tests.invariants import assert_edits_apply

TEXT = "👋 Their is a error in the plan. We met in order to fix it."


def test_tones_list_names_and_descriptions(client: FlaskClient) -> None:
    body = client.get("/v1/tones").get_json()
    assert TonesResponseSchema().validate(body) == {}
    names = [tone["name"] for tone in body["tones"]]
    assert {"formal", "casual", "concise", "friendly", "simple"} <= set(names)


def test_local_rewrite_fixes_grammar_and_returns_applicable_edits(client: FlaskClient) -> None:
    response = client.post("/v1/rewrite", json={"text": TEXT})
    assert response.status_code == 200
    body = response.get_json()
    assert RewriteResponseSchema().validate(body) == {}
    assert body["engine"] == "local" and body["degraded"] is False
    assert "is an error" in body["rewritten"]  # one safe fix; "Their" has two
    assert_edits_apply(TEXT, body["edits"], body["rewritten"])


def test_asking_for_a_missing_llm_engine_degrades_to_local(client: FlaskClient) -> None:
    body = client.post("/v1/rewrite", json={"text": TEXT, "engine": "llm"}).get_json()
    assert body["engine"] == "local" and body["degraded"] is True
    assert body["warnings"][0]["code"] == "llm-not-configured"


@pytest.mark.parametrize(
    "body",
    [
        {"text": TEXT, "tone": "sarcastic"},
        {"text": TEXT, "formality": 3},
        {"text": TEXT, "length": "tiny"},
        {"text": TEXT, "instruction": "x" * 301},
        {"text": TEXT, "engine": "gpt"},
    ],
)
def test_bad_rewrite_fields_are_422(client: FlaskClient, body: dict) -> None:
    assert client.post("/v1/rewrite", json=body).status_code == 422


def test_improve_returns_issues_and_a_rewrite_preview(client: FlaskClient) -> None:
    response = client.post("/v1/improve", json={"text": TEXT})
    body = response.get_json()
    assert response.status_code == 200 and ImproveResponseSchema().validate(body) == {}
    assert {"Their", "a"} <= {issue["text"] for issue in body["issues"]}
    assert_edits_apply(TEXT, body["rewrite"]["edits"], body["rewrite"]["rewritten"])


def test_ideas_validate_kinds(client: FlaskClient) -> None:
    assert client.post("/v1/ideas", json={"text": TEXT, "kinds": ["poems"]}).status_code == 422
    assert client.post("/v1/ideas", json={"text": TEXT, "kinds": []}).status_code == 422


def test_local_ideas_answer_in_shape(client: FlaskClient) -> None:
    response = client.post("/v1/ideas", json={"text": TEXT, "kinds": ["questions"], "count": 2})
    assert response.status_code == 200
    body = response.get_json()
    assert IdeasResponseSchema().validate(body) == {}
    assert body["ideas"] and {idea["kind"] for idea in body["ideas"]} == {"questions"}
