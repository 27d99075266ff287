"""Every answer that carries text an engine wrote says who wrote it: ``provenance``, matching
the engine that really answered (the local one after a model failure)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from addin_server.api.provenance import model_name
from tests.conftest import ROOT
from tests.model_server import ModelServer, Reply

AppFactory = Callable[..., Flask]
TEXT = "We recieve alot of mail. It is very big."


def prompt_label(name: str) -> str:
    """The prompt's `name/vN`, read from its TOML file as a maintainer writes it."""
    data = tomllib.loads((ROOT / "addin_server" / "prompts" / f"{name}.toml").read_text())
    return f"{data['name']}/v{data['version']}"


def streamed_done(client: FlaskClient, body: dict[str, Any]) -> dict[str, Any]:
    """The `done` event of a streamed rewrite."""
    answer = client.post("/v1/rewrite", json={**body, "stream": True}).get_data(as_text=True)
    done = next(event for event in answer.split("\n\n") if event.startswith("event: done"))
    return json.loads(done.split("data: ", 1)[1])


def answers(client: FlaskClient) -> dict[str, dict[str, Any]]:
    """The answer of every endpoint that carries text an engine wrote."""
    return {
        "rewrite": client.post("/v1/rewrite", json={"text": TEXT, "tone": "formal"}).get_json(),
        "stream": streamed_done(client, {"text": TEXT}),
        "ideas": client.post("/v1/ideas", json={"text": TEXT, "kinds": ["continue"]}).get_json(),
        "improve": client.post("/v1/improve", json={"text": TEXT}).get_json(),
        "check": client.post("/v1/check", json={"text": TEXT}).get_json(),
        "paragraphs": client.post(
            "/v1/check/paragraphs", json={"paragraphs": [{"id": "p1", "text": TEXT}]}
        ).get_json(),
    }


PROMPTS = {
    "rewrite": "rewrite",
    "stream": "rewrite",
    "ideas": "ideas",
    "improve": "improve",
    "check": "grammar",
    "paragraphs": "grammar",
}


def test_a_model_answer_names_the_model_and_its_prompt(
    model: ModelServer, make_app: AppFactory
) -> None:
    client = make_app(live_engine="auto").test_client()
    for name, answer in answers(client).items():
        assert answer["engine"] == "llm", name
        assert answer["provenance"] == {
            "engine": "llm",
            "model": model.model,
            "prompt_version": prompt_label(PROMPTS[name]),
            "generated": True,
            "model_rules": ["llm.grammar"] if name in ("improve", "check", "paragraphs") else [],
        }, name


def test_the_model_rules_are_those_of_the_issues_the_model_wrote(make_app: AppFactory) -> None:
    client = make_app().test_client()
    improve = client.post("/v1/improve", json={"text": TEXT}).get_json()
    model_rules = set(improve["provenance"]["model_rules"])
    # The test model fixes "alot" and "very big"; the local engine does not suggest "huge".
    from_model = [issue for issue in improve["issues"] if issue["rule_id"] in model_rules]
    assert any(issue["replacements"] == ["huge"] for issue in from_model)
    local = client.post("/v1/improve", json={"text": TEXT, "engine": "local"}).get_json()
    assert local["provenance"]["model_rules"] == []
    assert all(issue["rule_id"] not in model_rules for issue in local["issues"])


def test_after_a_model_failure_the_provenance_says_the_local_engine_answered(
    model: ModelServer, make_app: AppFactory
) -> None:
    client = make_app(llm_max_retries=0, live_engine="auto").test_client()
    model.script(then=Reply(status=500))
    for name, answer in answers(client).items():
        assert answer["engine"] == "local" and answer["degraded"], name
        assert answer["provenance"] == {
            "engine": "local",
            "model": None,
            "prompt_version": None,
            "generated": False,
            "model_rules": [],
        }, name


def test_the_local_engine_asked_by_name_writes_nothing_generated(
    model: ModelServer, make_app: AppFactory
) -> None:
    client = make_app().test_client()
    body = {"text": TEXT, "engine": "local"}
    for path in ("/v1/rewrite", "/v1/ideas", "/v1/improve", "/v1/check"):
        provenance = client.post(path, json=body).get_json()["provenance"]
        assert provenance["engine"] == "local" and provenance["generated"] is False, path
    assert model.calls == []


def test_the_provenance_holds_no_key_no_endpoint_and_no_text(
    model: ModelServer, make_app: AppFactory
) -> None:
    secret = "sk-provenance-secret-0123456789"
    client = make_app(llm_api_key=secret).test_client()
    for name, answer in answers(client).items():
        said = json.dumps(answer["provenance"])
        assert secret not in said and model.url not in said and "127.0.0.1" not in said, name
        assert "recieve" not in said and "mail" not in said, name


@pytest.mark.parametrize(
    ("configured", "shown"),
    [
        ("gpt-4o-mini", "gpt-4o-mini"),
        ("Qwen/Qwen2.5-7B-Instruct", "Qwen/Qwen2.5-7B-Instruct"),
        ("https://models.example.org/v1/llama3", "v1/llama3"),
        ("http://user:pw@host:8080/qwen", "qwen"),
        ("", None),
    ],
)
def test_a_model_named_by_a_url_is_shown_without_its_scheme_and_host(
    configured: str, shown: str | None
) -> None:
    assert model_name(configured) == shown


def test_the_answers_document_their_provenance(client: FlaskClient) -> None:
    spec = client.get("/openapi.json").get_json()
    schemas = spec["components"]["schemas"]
    provenance = next(schema for name, schema in schemas.items() if name.startswith("Provenance"))
    assert set(provenance["required"]) == {
        "engine",
        "model",
        "prompt_version",
        "generated",
        "model_rules",
    }
    for path in ("/v1/rewrite", "/v1/ideas", "/v1/improve", "/v1/check"):
        ref = spec["paths"][path]["post"]["responses"]["200"]["content"]["application/json"]
        name = ref["schema"]["$ref"].rsplit("/", 1)[1]
        assert "provenance" in schemas[name]["required"], path


def test_info_says_whether_writers_may_remove_the_marks(make_app: AppFactory) -> None:
    assert make_app().test_client().get("/v1/info").get_json()["authorship"] == {
        "marks": "removable"
    }
    required = make_app(authorship_marks="required").test_client()
    assert required.get("/v1/info").get_json()["authorship"] == {"marks": "required"}
