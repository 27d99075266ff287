"""The real ``addin-server serve`` (gunicorn, gthread) with a model endpoint on loopback."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
import requests

from tests.conftest import LiveServer, free_port, start_server, stop_server
from tests.invariants import assert_edits_apply, assert_v1_offsets
from tests.model_server import ModelServer, Reply

KEY = "sk-live-test-9f8e7d6c5b4a"


@pytest.fixture(scope="module")
def model_endpoint() -> Iterator[ModelServer]:
    """A scriptable model server for this module's live servers."""
    server = ModelServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, model_endpoint: ModelServer
) -> Iterator[LiveServer]:
    """``addin-server serve`` pointed at the model server."""
    env = {
        "ADDIN_LLM_BASE_URL": model_endpoint.url,
        "ADDIN_LLM_MODEL": model_endpoint.model,
        "ADDIN_LLM_API_KEY": KEY,
        "ADDIN_LLM_TIMEOUT": "3",
        "ADDIN_LLM_MAX_RETRIES": "0",
        "ADDIN_MAX_CHUNK_TOKENS": "300",
    }
    server = start_server(tmp_path_factory.mktemp("llm-live"), env)
    yield server
    stop_server(server)


@pytest.fixture()
def model(model_endpoint: ModelServer) -> ModelServer:
    """The model server, reset for this test."""
    model_endpoint.reset()
    return model_endpoint


def post(server: LiveServer, path: str, body: dict) -> dict:
    response = requests.post(server.url + path, json=body, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def test_rewrite_check_ideas_and_improve_come_from_the_model(
    served: LiveServer, model: ModelServer
) -> None:
    text = "👋 The house is very big. I will recieve teh keys."
    rewrite = post(served, "/v1/rewrite", {"text": text, "tone": "friendly"})
    assert rewrite["rewritten"] == "👋 The house is huge. I will receive the keys."
    assert rewrite["engine"] == "llm" and not rewrite["degraded"]
    assert_edits_apply(text, rewrite["edits"], rewrite["rewritten"])

    checked = post(served, "/v1/check", {"text": text})
    assert checked["engine"] == "llm"
    deep = [issue for issue in checked["issues"] if issue["rule_id"] == "llm.grammar"]
    # The model read the sentence, so its "receive" stands where Harper's spelling guess
    # overlaps it (engines/merge.py: YIELDING_RULES).
    assert [(issue["text"], issue["replacements"]) for issue in deep] == [
        ("very big", ["huge"]),
        ("recieve", ["receive"]),
    ]
    assert deep[0]["utf16_offset"] == deep[0]["offset"] + 1  # the emoji is two UTF-16 units
    assert_v1_offsets(text, checked["issues"])

    ideas = post(served, "/v1/ideas", {"text": text, "kinds": ["headline"], "count": 2})
    assert [idea["kind"] for idea in ideas["ideas"]] == ["headline", "headline"]

    calls = len(model.calls)
    improved = post(served, "/v1/improve", {"text": text})
    assert len(model.calls) == calls + 1  # one round trip to the model
    assert improved["rewrite"]["rewritten"] == rewrite["rewritten"]
    assert all(call.headers["authorization"] == f"Bearer {KEY}" for call in model.calls)


def test_a_long_text_fans_out_and_streams_in_order(served: LiveServer, model: ModelServer) -> None:
    text = "\n\n".join(f"Section {n}. " + "The plan was very big and bold. " * 40 for n in range(5))
    with requests.post(
        served.url + "/v1/rewrite", json={"text": text, "stream": True}, stream=True, timeout=30
    ) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = _events(response.iter_lines(decode_unicode=True))
    streamed = "".join(data["text"] for name, data in events if name == "delta")
    name, done = events[-1]
    assert name == "done" and streamed == done["rewritten"] == text.replace("very big", "huge")
    assert len(model.calls) >= 5 and done["engine"] == "llm"


def test_a_client_that_disconnects_stops_the_model_calls(
    served: LiveServer, model: ModelServer
) -> None:
    model.script(
        then=Reply(content=lambda call: json.dumps({"rewritten": call.text}), piece_delay=0.3)
    )
    text = "\n\n".join("A sentence that goes on for a while. " * 30 for _ in range(6))
    response = requests.post(
        served.url + "/v1/rewrite", json={"text": text, "stream": True}, stream=True, timeout=30
    )
    lines = response.iter_lines(decode_unicode=True)
    assert next(line for line in lines if line.startswith("event:")) == "event: delta"
    response.close()
    assert model.wait_for(lambda: any(call.aborted for call in model.calls), timeout=15)
    assert model.wait_for(lambda: all(call.ended for call in model.calls), timeout=15)
    started = len(model.calls)
    time.sleep(1.5)
    assert len(model.calls) == started  # nothing new was sent after the disconnect


def _events(lines: Iterator[str]) -> list[tuple[str, dict]]:
    events, name = [], ""
    for line in lines:
        if line.startswith("event: "):
            name = line.removeprefix("event: ")
        elif line.startswith("data: "):
            events.append((name, json.loads(line.removeprefix("data: "))))
    return events


def test_with_the_model_down_the_server_stays_ready_and_answers_locally(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    env = {
        "ADDIN_LLM_BASE_URL": f"http://127.0.0.1:{free_port()}/v1",
        "ADDIN_LLM_MODEL": "some-model",
        "ADDIN_LLM_API_KEY": KEY,
        "ADDIN_LLM_MAX_RETRIES": "0",
    }
    server = start_server(tmp_path_factory.mktemp("llm-down"), env)
    try:
        deadline = time.monotonic() + 20
        ready = requests.get(server.url + "/readyz", timeout=5)
        while ready.json()["checks"]["llm"] == "unknown" and time.monotonic() < deadline:
            time.sleep(0.2)
            ready = requests.get(server.url + "/readyz", timeout=5)
        assert ready.status_code == 200
        assert ready.json()["checks"] == {"local": "ready", "llm": "unreachable"}
        body = post(server, "/v1/rewrite", {"text": "Their is a error.", "tone": "formal"})
        assert body["engine"] == "local" and body["degraded"] is True
        assert body["rewritten"] == "There is an error."  # the local engine's sure fixes
        assert body["warnings"][0]["code"] == "llm-unreachable"
        assert KEY not in json.dumps(body)
    finally:
        stop_server(server)
    assert KEY not in server.log()
    assert "Their is" not in server.log()  # the writer's text is never logged
