"""The API with a model configured: engine choice, readiness, info and problems."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from tests.model_server import ModelServer, Reply

AppFactory = Callable[..., Flask]


def test_auto_means_the_model_and_local_still_means_local(
    model: ModelServer, make_app: AppFactory
) -> None:
    client = make_app().test_client()
    auto = client.post("/v1/rewrite", json={"text": "We recieve."}).get_json()
    assert auto["engine"] == "llm" and auto["rewritten"] == "We receive."
    calls = len(model.calls)
    local = client.post("/v1/rewrite", json={"text": "We recieve.", "engine": "local"}).get_json()
    assert local["engine"] == "local" and len(model.calls) == calls


def test_info_and_readiness_report_the_model(model: ModelServer, make_app: AppFactory) -> None:
    client = make_app().test_client()
    info = client.get("/v1/info").get_json()
    assert info["engines"] == ["llm", "local"] and info["default_engine"] == "llm"
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["checks"] == {"local": "ready", "llm": "ready"}
    assert model.model_lists >= 1  # warm-up asked the endpoint what it serves


def test_readiness_survives_a_model_that_went_down(
    model: ModelServer, make_app: AppFactory
) -> None:
    client = make_app(llm_max_retries=0).test_client()
    model.script(then=Reply(status=500))
    client.post("/v1/rewrite", json={"text": "We recieve."})
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.get_json()["checks"]["llm"] == "failing"


def test_ideas_the_model_cannot_give_come_from_the_local_engine(
    model: ModelServer, make_app: AppFactory
) -> None:
    model.script(then=Reply(status=500))
    client = make_app(llm_max_retries=0).test_client()
    response = client.post("/v1/ideas", json={"text": "Plant trees.", "kinds": ["questions"]})
    assert response.status_code == 200
    body = response.get_json()
    assert body["engine"] == "local" and body["degraded"]
    assert body["warnings"][0]["code"] == "llm-server-error"
    assert body["ideas"] and {idea["kind"] for idea in body["ideas"]} == {"questions"}


def test_languagetool_clients_are_answered_locally_without_calling_the_model(
    model: ModelServer, make_app: AppFactory
) -> None:
    client = make_app().test_client()
    response = client.post("/v2/check", data={"text": "Their is a error.", "language": "en-US"})
    assert response.status_code == 200 and response.get_json()["matches"]
    assert model.calls == []


def test_the_parts_tokens_announces_are_the_calls_a_rewrite_makes(
    model: ModelServer, make_app: AppFactory
) -> None:
    # A small window, so that the prompt's real size decides the number of parts.
    client = make_app(context_tokens=1400).test_client()
    text = "\n\n".join(
        f"Paragraph {n} says what the writer means, in plain words, and then some more."
        for n in range(30)
    )
    planned = client.post("/v1/tokens", json={"text": text, "operation": "rewrite"}).get_json()
    assert len(planned["chunks"]) > 1
    assert client.post("/v1/rewrite", json={"text": text}).status_code == 200
    assert len(model.calls) == len(planned["chunks"])
    sent = sorted(call.text.strip() for call in model.calls)
    announced = sorted(
        text[chunk["offset"] : chunk["offset"] + chunk["length"]].strip()
        for chunk in planned["chunks"]
    )
    assert sent == announced
