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


def test_ideas_the_model_cannot_give_are_a_problem_or_local(
    model: ModelServer, make_app: AppFactory
) -> None:
    model.script(then=Reply(status=500))
    client = make_app(llm_max_retries=0).test_client()
    response = client.post("/v1/ideas", json={"text": "Plant trees.", "kinds": ["questions"]})
    if response.status_code == 503:  # no local ideas: say so, with the cause
        problem = response.get_json()
        assert response.mimetype == "application/problem+json"
        assert problem["code"] == "llm-server-error" and "HTTP 500" in problem["detail"]
    else:
        body = response.get_json()
        assert body["degraded"] and body["warnings"][0]["code"] == "llm-server-error"
