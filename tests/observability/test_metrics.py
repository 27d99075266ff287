"""GET /metrics: requests by rule, engines, degraded answers by cause, tokens, rejections."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from addin_server import create_app
from addin_server.observability import metrics as prometheus
from tests.model_server import ModelServer, Reply
from tests.observability.conftest import AUTH, KEY, metric


@pytest.fixture()
def model_app(model: ModelServer) -> Flask:
    """An app whose model engine calls the scriptable model server."""
    values = {
        "llm_base_url": model.url,
        "llm_model": model.model,
        "llm_timeout": 3.0,
        "llm_max_retries": 0,
    }
    app = create_app(values, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    return app


def test_metrics_are_prometheus_text(client: FlaskClient) -> None:
    answer = client.get("/metrics")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"].startswith("text/plain; version=0.0.4")
    text = answer.get_data(as_text=True)
    assert "# TYPE penwise_http_requests_total counter" in text
    assert "# TYPE penwise_http_request_duration_seconds histogram" in text


def test_requests_are_counted_by_rule_never_by_path(client: FlaskClient) -> None:
    labels = {"method": "POST", "endpoint": "/v1/check", "status": "200"}
    before = metric(client, "penwise_http_requests_total", **labels)
    timed = metric(client, "penwise_http_request_duration_seconds_count", endpoint="/v1/check")
    for _ in range(2):
        assert client.post("/v1/check", json={"text": "This is fine."}).status_code == 200
    assert metric(client, "penwise_http_requests_total", **labels) == before + 2
    assert (
        metric(client, "penwise_http_request_duration_seconds_count", endpoint="/v1/check")
        == timed + 2
    )
    client.get("/taskpane/no-such-file-here.js")
    client.get("/no/such/page/secretpath")
    exposition = client.get("/metrics").get_data(as_text=True)
    assert 'endpoint="/taskpane/<path:name>"' in exposition
    assert 'endpoint="none"' in exposition
    assert "secretpath" not in exposition and "no-such-file-here" not in exposition


def test_the_engine_that_answered_is_counted(client: FlaskClient) -> None:
    labels = {"endpoint": "/v1/check", "engine": "local"}
    before = metric(client, "penwise_answers_total", **labels)
    chunks = metric(client, "penwise_chunks_per_request_count", endpoint="/v1/check")
    client.post("/v1/check", json={"text": "This are a test."})
    assert metric(client, "penwise_answers_total", **labels) == before + 1
    assert metric(client, "penwise_chunks_per_request_count", endpoint="/v1/check") == chunks + 1


def test_a_degraded_answer_is_counted_by_cause(model_app: Flask, model: ModelServer) -> None:
    client = model_app.test_client()
    model.script(then=Reply(status=500))
    labels = {"endpoint": "/v1/rewrite", "cause": "llm-server-error"}
    before = metric(client, "penwise_degraded_answers_total", **labels)
    answer = client.post("/v1/rewrite", json={"text": "Teh cat sat.", "tone": "formal"})
    assert answer.status_code == 200 and answer.get_json()["degraded"]
    codes = {w["code"] for w in answer.get_json()["warnings"]}
    assert "llm-server-error" in codes, codes
    assert metric(client, "penwise_degraded_answers_total", **labels) == before + 1
    assert metric(client, "penwise_answers_total", endpoint="/v1/rewrite", engine="local") >= 1


def test_a_streamed_answer_is_counted_when_it_ends(model_app: Flask) -> None:
    client = model_app.test_client()
    labels = {"endpoint": "/v1/rewrite", "engine": "llm"}
    before = metric(client, "penwise_answers_total", **labels)
    chunks = metric(client, "penwise_chunks_per_request_count", endpoint="/v1/rewrite")
    answer = client.post("/v1/rewrite", json={"text": "Teh cat sat.", "stream": True})
    assert "event: done" in answer.get_data(as_text=True)
    answer.close()
    assert metric(client, "penwise_answers_total", **labels) == before + 1
    assert metric(client, "penwise_chunks_per_request_count", endpoint="/v1/rewrite") == chunks + 1


def test_model_tokens_are_counted_as_the_endpoint_reports_them(model_app: Flask) -> None:
    client = model_app.test_client()
    prompt = metric(client, "penwise_model_tokens_total", kind="prompt")
    completion = metric(client, "penwise_model_tokens_total", kind="completion")
    assert client.post("/v1/rewrite", json={"text": "Teh cat sat."}).status_code == 200
    assert metric(client, "penwise_model_tokens_total", kind="prompt") > prompt
    assert metric(client, "penwise_model_tokens_total", kind="completion") > completion


def test_auth_rejections_are_counted_and_metrics_stay_open() -> None:
    client = create_app({"api_keys": (KEY,)}, environ={}, warm_up=False).test_client()
    missing = metric(client, "penwise_auth_rejections_total", reason="missing")
    invalid = metric(client, "penwise_auth_rejections_total", reason="invalid")
    assert client.get("/v1/stats").status_code == 401
    assert client.get("/v1/stats", headers={"X-API-Key": "wrong-key-0123456789"}).status_code == 401
    assert client.get("/v1/stats", headers=AUTH).status_code == 200
    assert metric(client, "penwise_auth_rejections_total", reason="missing") == missing + 1
    assert metric(client, "penwise_auth_rejections_total", reason="invalid") == invalid + 1


def test_rate_limit_and_cache_hooks_for_the_other_modules(client: FlaskClient) -> None:
    limited = metric(client, "penwise_rate_limited_total")
    hits = metric(client, "penwise_cache_lookups_total", result="hit")
    misses = metric(client, "penwise_cache_lookups_total", result="miss")
    prometheus.count_rate_limited()
    prometheus.count_cache(hit=True)
    prometheus.count_cache(hit=False)
    prometheus.count_cache(hit=False)
    assert metric(client, "penwise_rate_limited_total") == limited + 1
    assert metric(client, "penwise_cache_lookups_total", result="hit") == hits + 1
    assert metric(client, "penwise_cache_lookups_total", result="miss") == misses + 2


def test_feedback_is_counted_by_action(client: FlaskClient) -> None:
    before = metric(client, "penwise_feedback_total", action="dismissed")
    body = {"rule_id": "style.wordiness", "action": "dismissed"}
    assert client.post("/v1/feedback", json=body).status_code == 204
    assert metric(client, "penwise_feedback_total", action="dismissed") == before + 1
