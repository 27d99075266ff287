"""``POST /v1/check/paragraphs``: the paragraphs a writer changed, checked as they write."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from addin_server import create_app
from addin_server.schemas.paragraphs import ParagraphsResponseSchema
from tests.model_server import ModelServer
from tests.observability.conftest import AUTH, KEY, metric

PARAGRAPHS = [
    {"id": "p-emoji", "text": "👋🏽 Their is a error in this sentance."},
    {"id": "p-clean", "text": "This paragraph reads well and has nothing to fix."},
    {
        "id": "p-style",
        "text": "In order to win, I think we should go. At the end of the day, we won.",
    },
    {"id": "p-empty", "text": ""},
    {"id": "p-colour", "text": "The colour of the centre is grey, and we organise it."},
]


def batch(client: FlaskClient, paragraphs: list[dict[str, str]], **body: Any) -> dict[str, Any]:
    response = client.post("/v1/check/paragraphs", json={"paragraphs": paragraphs, **body})
    assert response.status_code == 200, response.get_json()
    payload = response.get_json()
    assert ParagraphsResponseSchema().validate(payload) == {}
    return payload


def whole_check(client: FlaskClient, text: str, **body: Any) -> list[dict[str, Any]]:
    response = client.post("/v1/check", json={"text": text, **body})
    assert response.status_code == 200, response.get_json()
    return response.get_json()["issues"]


def utf16_slice(text: str, offset: int, length: int) -> str:
    units = text.encode("utf-16-le")
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le")


def test_issues_come_per_paragraph_id_in_its_own_offsets_in_both_units(
    client: FlaskClient,
) -> None:
    payload = batch(client, PARAGRAPHS)
    answered = {item["id"]: item for item in payload["paragraphs"]}
    assert [item["id"] for item in payload["paragraphs"]] == [p["id"] for p in PARAGRAPHS]
    emoji = PARAGRAPHS[0]["text"]
    flagged = {issue["text"]: issue for issue in answered["p-emoji"]["issues"]}
    assert {"Their", "a", "sentance"} <= set(flagged)
    for issue in answered["p-emoji"]["issues"]:
        assert emoji[issue["offset"] : issue["offset"] + issue["length"]] == issue["text"]
        assert utf16_slice(emoji, issue["utf16_offset"], issue["utf16_length"]) == issue["text"]
    # The emoji with its skin tone is two code points and four UTF-16 units.
    assert flagged["Their"]["offset"] == 3 and flagged["Their"]["utf16_offset"] == 5
    assert answered["p-clean"]["issues"] == [] and answered["p-empty"]["issues"] == []
    assert payload["engine"] == "local" and payload["incomplete"] is False


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"language": "en-GB"},
        {"dictionary": ["sentance"], "disabled_rules": ["harper.AnA"]},
        {"categories": ["style", "clarity"]},
        {"style_guide": {"terms": [{"use": "finish", "instead_of": ["win"]}]}},
    ],
    ids=["defaults", "british", "dictionary-and-rules", "categories", "style-guide"],
)
def test_each_paragraph_gets_what_a_whole_check_of_it_gives(
    client: FlaskClient, options: dict[str, Any]
) -> None:
    payload = batch(client, PARAGRAPHS, **options)
    for sent, answered in zip(PARAGRAPHS, payload["paragraphs"], strict=True):
        alone = whole_check(client, sent["text"], engine="local", **options) if sent["text"] else []
        assert answered["issues"] == alone, sent["id"]


def test_the_options_change_the_answer(client: FlaskClient) -> None:
    """The parametrized test above would pass if options were ignored and changed nothing."""
    default = batch(client, PARAGRAPHS[4:])["paragraphs"][0]["issues"]
    british = batch(client, PARAGRAPHS[4:], language="en-GB")["paragraphs"][0]["issues"]
    assert default and british == []


def test_an_empty_batch_is_valid(client: FlaskClient) -> None:
    payload = batch(client, [])
    assert payload["paragraphs"] == [] and payload["engine"] == "local"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"paragraphs": [{"id": "a", "text": "x"}, {"id": "a", "text": "y"}]}, "given twice"),
        ({"paragraphs": [{"id": "", "text": "x"}]}, "paragraphs"),
        ({"paragraphs": [{"text": "no id"}]}, "paragraphs"),
        ({"paragraphs": [{"id": "a", "text": 5}]}, "paragraphs"),
        ({"paragraphs": "not a list"}, "paragraphs"),
        ({}, "paragraphs"),
        ({"paragraphs": [], "language": "!!"}, "language"),
    ],
    ids=[
        "duplicate-id",
        "empty-id",
        "missing-id",
        "text-not-string",
        "not-a-list",
        "missing",
        "bad-language",
    ],
)
def test_bad_batches_are_422_problems(
    client: FlaskClient, body: dict[str, Any], field: str
) -> None:
    response = client.post("/v1/check/paragraphs", json=body)
    assert response.status_code == 422
    assert response.content_type == "application/problem+json"
    assert field in response.get_data(as_text=True)
    assert client.post("/v1/check/paragraphs", json={"paragraphs": []}).status_code == 200


@pytest.fixture(scope="module")
def small_limits() -> Flask:
    app = create_app({"live_max_paragraphs": 3, "live_max_chars": 100}, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    return app


def test_too_many_paragraphs_is_a_422_that_names_the_limit(small_limits: Flask) -> None:
    client = small_limits.test_client()
    paragraphs = [{"id": str(i), "text": "Hi."} for i in range(4)]
    response = client.post("/v1/check/paragraphs", json={"paragraphs": paragraphs})
    assert response.status_code == 422
    problem = response.get_json()
    assert "ADDIN_LIVE_MAX_PARAGRAPHS" in problem["detail"] and "at most 3" in problem["detail"]
    assert batch(client, paragraphs[:3])["paragraphs"][2]["id"] == "2"


def test_too_many_characters_is_a_413_that_names_the_limit(small_limits: Flask) -> None:
    client = small_limits.test_client()
    paragraphs = [{"id": "a", "text": "word " * 12}, {"id": "b", "text": "word " * 9}]
    response = client.post("/v1/check/paragraphs", json={"paragraphs": paragraphs})
    assert response.status_code == 413
    assert response.content_type == "application/problem+json"
    problem = response.get_json()
    assert problem["type"].endswith("batch-too-long")
    assert "ADDIN_LIVE_MAX_CHARS" in problem["detail"] and "at most 100" in problem["detail"]
    info = client.get("/v1/info").get_json()["live"]
    assert info == {"mode": "on", "max_paragraphs": 3, "max_chars": 100}


def test_an_organisation_can_switch_it_off_for_everyone() -> None:
    app = create_app({"live_check": "disabled"}, environ={}, warm_up=False)
    client = app.test_client()
    assert client.get("/v1/info").get_json()["live"]["mode"] == "disabled"
    response = client.post("/v1/check/paragraphs", json={"paragraphs": []})
    assert response.status_code == 403
    assert response.get_json()["type"].endswith("live-check-off")
    assert "ADDIN_LIVE_CHECK" in response.get_json()["detail"]


def test_a_key_is_needed_where_keys_are_set() -> None:
    client = create_app({"api_keys": (KEY,)}, environ={}, warm_up=False).test_client()
    body = {"paragraphs": []}
    assert client.post("/v1/check/paragraphs", json=body).status_code == 401
    assert client.post("/v1/check/paragraphs", json=body, headers=AUTH).status_code == 200


def test_a_paragraph_seen_before_is_a_cache_lookup(client: FlaskClient) -> None:
    paragraphs = [
        {"id": f"c{i}", "text": f"Paragraph {i} has a speling mistake."} for i in range(4)
    ]
    batch(client, paragraphs)
    hits = metric(client, "penwise_cache_lookups_total", result="hit")
    misses = metric(client, "penwise_cache_lookups_total", result="miss")
    again = [{"id": f"other-{i}", **{"text": p["text"]}} for i, p in enumerate(paragraphs)]
    answered = batch(client, again)
    assert metric(client, "penwise_cache_lookups_total", result="hit") == hits + 4
    assert metric(client, "penwise_cache_lookups_total", result="miss") == misses
    assert answered["cache"] == {"paragraphs": 4, "from_cache": 4}


@pytest.fixture()
def model_app(model: ModelServer) -> Any:
    def build(**overrides: Any) -> FlaskClient:
        values = {"llm_base_url": model.url, "llm_model": model.model, "llm_max_retries": 0}
        app = create_app({**values, **overrides}, environ={}, warm_up=False)
        app.extensions["penwise"].warm_up(background=False)
        return app.test_client()

    return build


def test_live_checks_never_call_the_model_unless_the_organisation_opts_in(
    model: ModelServer, model_app: Any
) -> None:
    paragraphs = [{"id": "a", "text": "I recieve teh parcel tomorow."}]
    default = model_app()
    answered = batch(default, paragraphs)
    assert answered["engine"] == "local" and model.calls == []
    # The pane's Improve still reaches the model on the same server.
    assert default.post("/v1/check", json={"text": paragraphs[0]["text"]}).status_code == 200
    assert len(model.calls) >= 1
    model.reset()
    opted_in = model_app(live_engine="auto")
    answered = batch(opted_in, paragraphs)
    assert answered["engine"] == "llm" and len(model.calls) >= 1


def test_a_paragraph_is_not_a_text_so_its_first_and_last_sentence_rules_wait(
    client: FlaskClient,
) -> None:
    """The paragraph being typed has no full stop yet: a whole check says so, the check as
    you write does not (the rules about a text's first and last sentence are left out)."""
    text = "we will finish the report and send it to the whole team on Monday"
    text_rules = {"grammar.final_punctuation", "grammar.capital_at_start"}
    alone = whole_check(client, text, engine="local")
    assert "grammar.final_punctuation" in {issue["rule_id"] for issue in alone}
    live = batch(client, [{"id": "typing", "text": text}])["paragraphs"][0]["issues"]
    assert live == [issue for issue in alone if issue["rule_id"] not in text_rules]
