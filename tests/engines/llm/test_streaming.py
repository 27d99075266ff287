"""Streamed rewrites: server-sent events in document order, fallbacks, and cancellation."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from flask import Flask
from flask.testing import FlaskClient

from addin_server.api.events import event_stream_response
from addin_server.engines.llm.errors import InvalidOutput, ModelTimeout
from addin_server.engines.llm.prompts import CANARY
from addin_server.engines.llm.redaction import redact
from addin_server.engines.llm.stream_text import ChunkShaper, Holdback, JsonStringField
from addin_server.engines.streaming import Delta, RewriteEvent
from addin_server.schemas.rewrite import RewriteResponseSchema
from tests.engines.llm.conftest import parse_events
from tests.engines.llm.test_rewrite import document
from tests.invariants import assert_edits_apply
from tests.model_server import Call, ModelServer, Reply

AppFactory = Callable[..., Flask]


def test_stream_sends_deltas_in_document_order_then_done(
    model: ModelServer, make_app: AppFactory
) -> None:
    text = document(4)
    # The first chunk is the slowest, so the later ones finish first and must wait.
    model.script(
        then=Reply(content=_shout, piece_delay=lambda call: 0.01 if "Part 0" in call.text else 0)
    )
    # The first chunk streams for seconds: ADDIN_LLM_TIMEOUT bounds a whole call.
    client = make_app(max_chunk_tokens=300, llm_concurrency=4, llm_timeout=30).test_client()
    response = client.post("/v1/rewrite", json={"text": text, "stream": True})
    assert response.mimetype == "text/event-stream"
    events = parse_events(response.get_data(as_text=True))
    names = [name for name, _ in events]
    assert names[-1] == "done" and set(names[:-1]) == {"delta"} and len(names) > 5
    streamed = "".join(data["text"] for name, data in events if name == "delta")
    done = events[-1][1]
    assert RewriteResponseSchema().validate(done) == {}
    assert streamed == done["rewritten"] == text.upper()
    assert done["engine"] == "llm" and not done["degraded"]
    assert_edits_apply(text, done["edits"], done["rewritten"])
    assert len(model.calls) >= 4 and all(call.body["stream"] for call in model.calls)


def _shout(call: Call) -> str:
    return json.dumps({"rewritten": call.text.upper()})


def test_accept_event_stream_asks_for_a_stream(model: ModelServer, make_app: AppFactory) -> None:
    response = (
        make_app()
        .test_client()
        .post("/v1/rewrite", json={"text": "We recieve."}, headers={"Accept": "text/event-stream"})
    )
    events = parse_events(response.get_data(as_text=True))
    assert "".join(data["text"] for name, data in events if name == "delta") == "We receive."
    assert events[-1][0] == "done" and events[-1][1]["rewritten"] == "We receive."


def test_a_truncated_stream_falls_back_and_done_says_so(
    model: ModelServer, make_app: AppFactory
) -> None:
    model.script(then=Reply(content=_shout, truncate_after=3))
    text = "Their is a error in this sentence, and more words follow it."
    response = (
        make_app(llm_max_retries=0)
        .test_client()
        .post("/v1/rewrite", json={"text": text, "stream": True})
    )
    events = parse_events(response.get_data(as_text=True))
    name, done = events[-1]
    assert name == "done" and done["degraded"] and done["engine"] == "local"
    assert done["rewritten"] == "There is an error in this sentence, and more words follow it."
    assert done["warnings"][0]["code"] in ("llm-unreachable", "llm-invalid-output")
    assert_edits_apply(text, done["edits"], done["rewritten"])


def test_a_model_that_is_down_still_streams_the_local_rewrite(
    model: ModelServer, make_app: AppFactory
) -> None:
    model.script(then=Reply(status=503))
    text = "Their is a error."
    response = (
        make_app(llm_max_retries=0)
        .test_client()
        .post("/v1/rewrite", json={"text": text, "stream": True})
    )
    events = parse_events(response.get_data(as_text=True))
    assert events[0] == ("delta", {"text": "There is an error."})
    assert events[-1][1]["warnings"][0]["code"] == "llm-server-error"


def test_a_client_that_goes_away_stops_the_upstream_calls(
    model: ModelServer, make_app: AppFactory
) -> None:
    model.script(then=Reply(content=_shout, piece_delay=0.2))
    client = make_app(max_chunk_tokens=300, llm_concurrency=2).test_client()
    response = client.post(
        "/v1/rewrite", json={"text": document(6), "stream": True}, buffered=False
    )
    first = next(response.response)  # the first delta arrives...
    assert b"event: delta" in first
    response.close()  # ...and the writer closes the taskpane
    assert model.wait_for(lambda: all(call.ended for call in model.calls))
    assert any(call.aborted for call in model.calls)
    assert len(model.calls) <= 3  # the chunks still queued were never sent


def test_json_string_field_decodes_escapes_split_across_pieces() -> None:
    raw = json.dumps({"rewritten": 'Line "one"\n\tTab 👋 é \\ end'}, ensure_ascii=True)
    field = JsonStringField("rewritten")
    decoded = "".join(field.feed(raw[i : i + 3]) for i in range(0, len(raw), 3))
    assert decoded == 'Line "one"\n\tTab 👋 é \\ end'


def test_holdback_restores_placeholders_and_stops_a_canary_split_in_pieces() -> None:
    redaction = redact("Mail ann@example.com today.")
    holdback = Holdback(redaction)
    out = holdback.feed("Mail [EMA") + holdback.feed("IL_1] now.") + holdback.flush()
    assert out == "Mail ann@example.com now."
    holdback = Holdback(redaction)
    shown = holdback.feed("Sure: " + CANARY[:8])
    assert CANARY[:8] not in shown
    try:
        holdback.feed(CANARY[8:])
    except InvalidOutput:
        pass
    else:
        raise AssertionError("the canary got through")


def test_chunk_shaper_keeps_the_original_whitespace_around_a_chunk() -> None:
    shaper = ChunkShaper("\n\n  Hello world.  \n")
    out = shaper.feed("  Hi ") + shaper.feed("there. \n") + shaper.finish()
    assert out == "\n\n  Hi there.  \n"


def test_the_local_engine_streams_too(client: FlaskClient) -> None:
    text = "Their is a error."
    response = client.post("/v1/rewrite", json={"text": text, "stream": True, "engine": "llm"})
    events = parse_events(response.get_data(as_text=True))
    assert events[0] == ("delta", {"text": "There is an error."})
    name, done = events[-1]
    assert name == "done" and done["engine"] == "local" and done["degraded"]
    assert done["warnings"][0]["code"] == "llm-not-configured"
    # it holds the writer's text, as every /v1 answer: no browser or proxy may keep it
    assert "no-store" in response.headers["Cache-Control"]


def test_a_failure_after_the_stream_began_is_an_error_event(app: Flask) -> None:
    def failing() -> Iterator[RewriteEvent]:
        yield Delta("Partial ")
        raise ModelTimeout("The model did not answer within 3 s; raise ADDIN_LLM_TIMEOUT.")

    with app.test_request_context("/v1/rewrite", method="POST"):
        response = event_stream_response("Partial text.", failing())
        body = "".join(response.response)  # type: ignore[arg-type]
    events = parse_events(body)
    assert events[0] == ("delta", {"text": "Partial "})
    name, problem = events[-1]
    assert name == "error" and problem["status"] == 503
    assert problem["type"] == "urn:penwise:problem:model-unavailable"
    assert problem["code"] == "llm-timeout"
    assert "ADDIN_LLM_TIMEOUT" in problem["detail"]
