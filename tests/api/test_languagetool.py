"""The LanguageTool-compatible API: same fields in, same JSON out, UTF-16 offsets."""

from __future__ import annotations

import json
import tomllib

import pytest
from flask.testing import FlaskClient

from addin_server.schemas.languagetool import LTCheckResponseSchema
from tests.conftest import ROOT
from tests.invariants import assert_v2_offsets

EXAMPLE = "Their is a error in this sentance."
NOTES = "The meeting was postponed. He ran very quickly and really suddenly."
CLEAN_PROSE = ROOT / "tests" / "data" / "clean_prose"
# Plain texts a LanguageTool client could send as they are (no Markdown, no writer's words).
PLAIN_CLEAN_TEXTS = sorted(
    name
    for name, config in tomllib.loads((CLEAN_PROSE / "corpus.toml").read_text())["texts"].items()
    if not config.get("markdown") and not config.get("dictionary")
)


def lt_check(client: FlaskClient, **form: str) -> dict:
    response = client.post("/v2/check", data=form)
    assert response.status_code == 200, response.get_data(as_text=True)
    payload = response.get_json()
    assert LTCheckResponseSchema().validate(payload) == {}
    return payload


def test_check_answers_in_languagetools_shape(client: FlaskClient) -> None:
    payload = lt_check(client, text=EXAMPLE, language="en-US")
    assert payload["warnings"] == {"incompleteResults": False}
    assert payload["language"]["code"] == "en-US"
    assert payload["language"]["name"] == "English (US)"
    spelling = next(m for m in payload["matches"] if m["rule"]["category"]["id"] == "TYPOS")
    assert (spelling["offset"], spelling["length"]) == (25, 8)
    assert spelling["replacements"][0] == {"value": "sentence"}
    assert spelling["rule"]["issueType"] == "misspelling"
    assert spelling["type"]["typeName"] == "UnknownWord"
    assert spelling["sentence"] == EXAMPLE
    assert spelling["context"] == {"text": EXAMPLE, "offset": 25, "length": 8}
    assert spelling["rule"]["description"]


def test_fields_this_server_does_not_know_are_ignored_as_languagetool_does(
    client: FlaskClient,
) -> None:
    """LanguageTool's clients send fields of their own; LanguageTool ignores what it does not
    know, and so does this server (a 422 would refuse those clients)."""
    extra = {
        "textSessionId": "1234:5678",
        "useragent": "webextension",
        "mode": "allButTextLevelOnly",
    }
    payload = lt_check(client, text=EXAMPLE, language="en-US", **extra)
    assert payload["matches"] == lt_check(client, text=EXAMPLE, language="en-US")["matches"]


def test_data_parameter_with_text(client: FlaskClient) -> None:
    payload = lt_check(client, data=json.dumps({"text": EXAMPLE}), language="en-US")
    assert len(payload["matches"]) == 3


def test_annotated_data_skips_markup_and_offsets_count_it(client: FlaskClient) -> None:
    annotation = [
        {"markup": "<p>"},
        {"text": "This is "},
        {"markup": "<b>", "interpretAs": ""},
        {"text": "a error"},
        {"markup": "</b>"},
        {"text": " in teh text."},
        {"markup": "</p>", "interpretAs": "\n\n"},
    ]
    document = "<p>This is <b>a error</b> in teh text.</p>"
    payload = lt_check(client, data=json.dumps({"annotation": annotation}), language="en-US")
    found = {document[m["offset"] : m["offset"] + m["length"]] for m in payload["matches"]}
    assert found == {"a", "teh"}


def test_context_is_cut_with_ellipses_around_long_text(client: FlaskClient) -> None:
    text = "This sentence is long and fine. " * 4 + "Here is teh typo. " + "More words follow. " * 5
    # The text repeats its sentence openings on purpose; that rule is not under test here.
    payload = lt_check(client, text=text, language="en-US", disabledRules="style.repeated_starts")
    [match] = payload["matches"]
    context = match["context"]
    assert context["text"].startswith("...") and context["text"].endswith("...")
    assert context["text"][context["offset"] : context["offset"] + context["length"]] == "teh"
    assert match["sentence"] == "Here is teh typo."


def test_auto_language_and_preferred_variants(client: FlaskClient) -> None:
    text = "The colour is grey."
    american = lt_check(client, text=text, language="auto")
    assert american["language"]["code"] == "en-US" and american["matches"]
    british = lt_check(client, text=text, language="auto", preferredVariants="de-DE,en-GB")
    assert british["language"]["code"] == "en-GB" and not british["matches"]


def test_disabled_rules_and_categories(client: FlaskClient) -> None:
    without_rule = lt_check(client, text=EXAMPLE, language="en-US", disabledRules="harper.AnA")
    assert "harper.AnA" not in {m["rule"]["id"] for m in without_rule["matches"]}
    without_typos = lt_check(client, text=EXAMPLE, language="en-US", disabledCategories="TYPOS")
    assert "TYPOS" not in {m["rule"]["category"]["id"] for m in without_typos["matches"]}
    only = lt_check(
        client, text=EXAMPLE, language="en-US", enabledRules="harper.AnA", enabledOnly="true"
    )
    assert [m["rule"]["id"] for m in only["matches"]] == ["harper.AnA"]


def test_picky_level_is_accepted(client: FlaskClient) -> None:
    assert lt_check(client, text=EXAMPLE, language="en-US", level="picky")["matches"]


def test_default_level_answers_errors_and_fixes_not_bare_notes(client: FlaskClient) -> None:
    # A passive, adverbs and "very" give nothing to apply: they wait for level=picky.
    assert lt_check(client, text=NOTES, language="en-US")["matches"] == []
    picky = lt_check(client, text=NOTES, language="en-US", level="picky")
    assert {"style.passive_voice", "style.adverbs", "style.weasel_words"} <= {
        m["rule"]["id"] for m in picky["matches"]
    }
    wordy = lt_check(client, text="We met in order to plan the move.", language="en-US")
    assert [(m["rule"]["id"], m["replacements"]) for m in wordy["matches"]] == [
        ("style.wordiness", [{"value": "to"}])
    ]
    errors = lt_check(client, text=EXAMPLE + " " + NOTES, language="en-US")
    assert {m["rule"]["category"]["id"] for m in errors["matches"]} >= {"TYPOS", "GRAMMAR"}


def test_a_rule_asked_for_by_id_answers_at_the_default_level(client: FlaskClient) -> None:
    payload = lt_check(client, text=NOTES, language="en-US", enabledRules="style.passive_voice")
    assert [m["rule"]["id"] for m in payload["matches"]] == ["style.passive_voice"]


@pytest.mark.parametrize("name", PLAIN_CLEAN_TEXTS)
def test_default_level_is_silent_on_clean_prose(client: FlaskClient, name: str) -> None:
    text = (CLEAN_PROSE / name).read_text(encoding="utf-8")
    language = tomllib.loads((CLEAN_PROSE / "corpus.toml").read_text())["texts"][name]["language"]
    assert lt_check(client, text=text, language=language)["matches"] == []


@pytest.mark.parametrize(
    ("form", "status", "phrase"),
    [
        ({"language": "en-US"}, 400, "text"),
        ({"text": EXAMPLE}, 400, "language"),
        ({"text": EXAMPLE, "language": "de-DE"}, 400, "English only"),
        ({"data": "{not json", "language": "en-US"}, 400, "data"),
        ({"data": json.dumps({"annotation": [{"oops": 1}]}), "language": "en-US"}, 400, "data"),
        ({"text": EXAMPLE, "language": "en-US", "level": "extreme"}, 422, "level"),
    ],
)
def test_languagetool_errors(client: FlaskClient, form: dict, status: int, phrase: str) -> None:
    response = client.post("/v2/check", data=form)
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    assert phrase in json.dumps(response.get_json())


def test_json_body_is_415(client: FlaskClient) -> None:
    response = client.post("/v2/check", json={"text": EXAMPLE, "language": "en-US"})
    assert response.status_code == 415


def test_text_over_limit_is_413() -> None:
    from addin_server import create_app

    app = create_app({"max_text_chars": 20}, environ={}, warm_up=False)
    response = app.test_client().post("/v2/check", data={"text": EXAMPLE, "language": "en-US"})
    assert response.status_code == 413


def test_languages_and_healthcheck(client: FlaskClient) -> None:
    languages = client.get("/v2/languages").get_json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in languages
    assert {entry["longCode"] for entry in languages} >= {"en-US", "en-GB", "en-AU", "en-CA"}
    health = client.get("/v2/healthcheck")
    assert health.status_code == 200 and health.get_data(as_text=True) == "OK"


def test_offsets_after_astral_characters_are_utf16(client: FlaskClient) -> None:
    text = "𝒜 😀 Their is a error."
    payload = lt_check(client, text=text, language="en-US")
    assert_v2_offsets(text, payload["matches"])
    their = next(m for m in payload["matches"] if m["rule"]["id"] == "harper.TheirToThere")
    assert their["offset"] == text.index("Their") + 2
