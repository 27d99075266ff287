"""The local engine over the API: our rules beside Harper's in /v1/check (filters, merging,
a request's style guide, readability stats), tone rewrites and idea prompts."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from addin_server.schemas.ideas import IdeasResponseSchema
from addin_server.schemas.rewrite import ImproveResponseSchema, RewriteResponseSchema
from tests.api.conftest import Check
from tests.invariants import assert_edits_apply, assert_v1_offsets

TEXT = "👋 We met in order to plan. The end result was writed by Sam. Their is a error."


def by_rule(payload: dict) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for issue in payload["issues"]:
        found.setdefault(issue["rule_id"], []).append(issue["text"])
    return found


def test_our_rules_run_beside_harper_with_categories(check: Check) -> None:
    payload = check(text=TEXT)
    rules = by_rule(payload)
    assert rules["style.wordiness"] == ["in order to"]
    assert rules["style.redundancy"] == ["end result"]
    assert (rules["harper.TheirToThere"], rules["harper.AnA"]) == (["Their"], ["a"])
    assert_v1_offsets(TEXT, payload["issues"])
    wordy = next(i for i in payload["issues"] if i["rule_id"] == "style.wordiness")
    assert (wordy["category"], wordy["severity"], wordy["replacements"]) == (
        "clarity", "suggestion", ["to"],
    )  # fmt: skip


def test_correctness_wins_where_issues_overlap(check: Check) -> None:
    rules = by_rule(check(text="The report was writed by Sam."))
    assert "style.passive_voice" not in rules  # "was writed" overlaps the misspelling
    assert any(rule.startswith("harper.") for rule in rules)
    assert by_rule(check(text="The report was written by Sam."))["style.passive_voice"]


@pytest.mark.parametrize(
    "categories", [["correctness"], ["clarity"], ["style"], ["clarity", "style"]]
)
def test_the_categories_filter_applies_to_ours_and_harpers(
    check: Check, categories: list[str]
) -> None:
    text = TEXT + " We bought apples, pears and plums."  # Harper's Oxford comma is style
    everything = check(text=text)["issues"]
    assert {i["category"] for i in everything} == {"correctness", "clarity", "style"}
    filtered = check(text=text, categories=categories)["issues"]
    assert filtered and {i["category"] for i in filtered} <= set(categories)
    wanted = [i["id"] for i in everything if i["category"] in categories]
    assert set(wanted) <= {i["id"] for i in filtered}


def test_disabled_rules_apply_to_ours_and_harpers(check: Check) -> None:
    disabled = ["style.wordiness", "harper.SpellCheck", "style.redundancy"]
    rules = by_rule(check(text=TEXT, disabled_rules=disabled))
    assert not set(disabled) & set(rules)
    assert "style.passive_voice" in by_rule(check(text=TEXT.replace("writed", "written")))


def test_a_long_sentence_note_keeps_the_issues_inside_it(check: Check) -> None:
    text = "In order to win " + "and talk " * 20 + "we made a decision to stay."
    rules = by_rule(check(text=text))
    assert rules["style.long_sentence"] == [text]
    assert rules["style.wordiness"] == ["In order to"]
    assert rules["style.nominalization"] == ["made a decision"]


def test_a_requests_style_guide_applies_to_that_request_only(check: Check) -> None:
    guide = {
        "terms": [{"use": "sign in", "instead_of": ["log on"], "as_verb": True}],
        "capitalization": [{"term": "Quuxly"}],
        "banned": [{"term": "synergy", "message": "Say what you mean."}],
    }
    text = "Please log on to quuxly and find synergy."
    payload = check(text=text, style_guide=guide, dictionary=["Quuxly", "quuxly"])
    issues = {i["rule_id"]: i for i in payload["issues"]}
    assert issues["guide.sign-in"]["replacements"] == ["sign in"]
    assert issues["guide.quuxly"]["replacements"] == ["Quuxly"]
    assert issues["guide.synergy"]["message"] == "Say what you mean."
    assert issues["guide.synergy"]["category"] == "style"
    again = check(text=text, dictionary=["Quuxly", "quuxly"])
    assert not any(i["rule_id"].startswith("guide.") for i in again["issues"])


@pytest.mark.parametrize(
    ("guide", "field"),
    [
        ({"terms": [{"use": "a"}]}, ["terms", "0", "instead_of"]),
        ({"banned": [{"term": "x", "message": 5}]}, ["banned", "0", "message"]),
        ({"colours": []}, ["colours"]),
        ({"capitalization": [{"term": f"T{n}"} for n in range(51)]}, ["_schema"]),
        ({"capitalization": [{"term": "A"}, {"term": "a"}]}, ["capitalization", "1"]),
        ("terms", ["_schema"]),
    ],
)
def test_an_invalid_request_guide_is_a_422_that_names_the_field(
    client: FlaskClient, guide: object, field: list[str]
) -> None:
    response = client.post("/v1/check", json={"text": "Hi.", "style_guide": guide})
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    errors = response.get_json()["errors"]["style_guide"]
    for key in field:  # nested by path, as every other field's errors are
        errors = errors[key]
    assert isinstance(errors, list) and errors and all(isinstance(e, str) for e in errors)


def test_every_check_carries_readability_stats(check: Check) -> None:
    stats = check(text="The cat sat. The happy dog ran home 👍🏽.")["stats"]
    assert (stats["words"], stats["sentences"], stats["characters"]) == (8, 2, 38)
    assert stats["average_sentence_words"] == 4.0
    assert stats["flesch_reading_ease"] > 90 and stats["flesch_kincaid_grade"] < 3
    empty = check(text="")["stats"]
    assert empty["words"] == 0 and empty["flesch_reading_ease"] is None


def test_improve_shows_stats_and_style_issues(client: FlaskClient) -> None:
    response = client.post("/v1/improve", json={"text": TEXT, "tone": "concise"})
    body = response.get_json()
    assert response.status_code == 200 and ImproveResponseSchema().validate(body) == {}
    assert body["stats"]["words"] == 17
    assert "style.wordiness" in {issue["rule_id"] for issue in body["issues"]}
    assert "We met to plan. The result" in body["rewrite"]["rewritten"]


@pytest.mark.parametrize("engine", ["local", "auto"])
def test_local_tone_rewrites_over_the_api(client: FlaskClient, engine: str) -> None:
    text = "👋 I'm gonna say it's been a lot of fun!!!"
    response = client.post("/v1/rewrite", json={"text": text, "tone": "formal", "engine": engine})
    body = response.get_json()
    assert response.status_code == 200 and RewriteResponseSchema().validate(body) == {}
    assert body["engine"] == "local" and body["warnings"] == []
    assert body["rewritten"] == "👋 I am going to say it has been a great deal of fun!"
    assert_edits_apply(text, body["edits"], body["rewritten"])


def test_a_tone_that_needs_a_model_is_a_warning(client: FlaskClient) -> None:
    body = client.post("/v1/rewrite", json={"text": "We won.", "tone": "empathetic"}).get_json()
    assert body["rewritten"] == "We won."
    assert [w["code"] for w in body["warnings"]] == ["tone-not-available-locally"]


def test_local_ideas_over_the_api(client: FlaskClient) -> None:
    text = "Our local engine checks grammar offline. The local engine needs no model."
    response = client.post("/v1/ideas", json={"text": text, "kinds": ["headline", "questions"]})
    body = response.get_json()
    assert response.status_code == 200 and IdeasResponseSchema().validate(body) == {}
    assert [i["kind"] for i in body["ideas"]] == ["headline"] * 3 + ["questions"] * 3
    assert "Local Engine" in body["ideas"][0]["text"]
