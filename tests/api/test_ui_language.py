"""Messages in the writer's language: a Chinese interface gets Chinese explanations, from our
rules and from Harper, and nothing else about an answer changes."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient

from addin_server.schemas.check import CheckResponseSchema
from addin_server.schemas.languagetool import LTCheckResponseSchema

# Our rules (noun number, tense) and Harper's spelling, agreement and article lints.
TEXT = (
    "There are many car on the road. Yesterday I go to school. "
    "I have a apple. They was happy. We recieve letters. She is teacher. I love the nature."
)
EXPECTED = {  # rule id -> a word of its Chinese message
    "grammar.noun_number": "名词单复数",
    "grammar.tense.past_time": "时态",
    "grammar.article.missing": "冠词",
    "grammar.article.extra": "冠词",
    "harper.AnA": "冠词",
    "harper.PronounInflectionBe": "主谓一致",
    "harper.SpellCheck": "拼写",
}
CJK = range(0x4E00, 0xA000)


def chinese(text: str) -> bool:
    return any(ord(character) in CJK for character in text)


def check(client: FlaskClient, headers: dict[str, str] | None = None, **fields: Any) -> dict:
    response = client.post("/v1/check", json={"text": TEXT, **fields}, headers=headers or {})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert CheckResponseSchema().validate(body) == {}
    return body


def by_rule(body: dict) -> dict[str, dict]:
    return {issue["rule_id"]: issue for issue in body["issues"]}


def test_a_chinese_request_gets_chinese_for_our_rules_and_harpers(client: FlaskClient) -> None:
    body = check(client, ui_language="zh-CN")
    issues = by_rule(body)
    assert body["ui_language"] == "zh-CN"
    for rule_id, word in EXPECTED.items():
        issue = issues[rule_id]
        assert word in issue["message"], issue
        assert issue["message_language"] == "zh-CN"
        assert issue["message_id"].startswith(rule_id)
    assert "“recieve”" in issues["harper.SpellCheck"]["message"]  # the writer's word, quoted


def test_only_the_words_of_the_messages_change(client: FlaskClient) -> None:
    english, chinese_body = check(client), check(client, ui_language="zh-CN")
    assert english["ui_language"] == "en"

    def without_messages(body: dict) -> list[dict]:
        return [
            {k: v for k, v in issue.items() if k not in ("message", "message_language")}
            for issue in body["issues"]
        ]

    # Same issues, ids, rule ids, offsets and replacements: replacements are document text.
    assert without_messages(english) == without_messages(chinese_body)
    assert all(issue["message_language"] == "en" for issue in english["issues"])
    assert not any(chinese(issue["message"]) for issue in english["issues"])
    apple = by_rule(chinese_body)["harper.AnA"]
    assert apple["replacements"] == ["an"]


def test_accept_language_chooses_when_the_request_does_not(client: FlaskClient) -> None:
    body = check(client, {"Accept-Language": "fr;q=1, zh-CN;q=0.8, en;q=0.5"})
    assert body["ui_language"] == "zh-CN"
    assert chinese(by_rule(body)["grammar.noun_number"]["message"])
    asked = check(client, {"Accept-Language": "zh-CN"}, ui_language="en")
    assert asked["ui_language"] == "en"
    unknown = check(client, {"Accept-Language": "zh-TW, de"}, ui_language="fr")
    assert unknown["ui_language"] == "en"


def test_a_message_with_no_translation_stays_english_and_says_so(client: FlaskClient) -> None:
    guide = {"banned": [{"term": "simply", "message": "Don't tell readers a task is easy."}]}
    response = client.post(
        "/v1/check",
        json={"text": "Simply run it.", "ui_language": "zh-CN", "style_guide": guide},
    )
    (issue,) = [i for i in response.get_json()["issues"] if i["rule_id"].startswith("guide.")]
    assert issue["message"] == "Don't tell readers a task is easy."
    assert (issue["message_id"], issue["message_language"]) == (None, "en")


def test_a_bad_ui_language_is_refused(client: FlaskClient) -> None:
    response = client.post("/v1/check", json={"text": "Hi.", "ui_language": "中文!"})
    assert response.status_code == 422
    assert "ui_language" in response.get_json()["errors"]


@pytest.mark.parametrize("path", ["/v1/improve", "/v1/check/paragraphs"])
def test_improve_and_checks_as_you_write_speak_chinese_too(client: FlaskClient, path: str) -> None:
    body: dict[str, Any] = {"ui_language": "zh-CN"}
    if path.endswith("paragraphs"):
        body["paragraphs"] = [{"id": "p1", "text": TEXT}]
    else:
        body["text"] = TEXT
    answer = client.post(path, json=body).get_json()
    issues = answer["paragraphs"][0]["issues"] if "paragraphs" in answer else answer["issues"]
    assert answer["ui_language"] == "zh-CN"
    assert issues and all(issue["message_language"] == "zh-CN" for issue in issues)


def test_warnings_and_tones_speak_chinese(client: FlaskClient) -> None:
    answer = client.post(
        "/v1/rewrite",
        json={
            "text": "We can help.",
            "tone": "persuasive",
            "engine": "local",
            "ui_language": "zh-CN",
        },
    ).get_json()
    warning = next(w for w in answer["warnings"] if w["code"] == "tone-not-available-locally")
    assert "语言模型" in warning["message"] and warning["message_language"] == "zh-CN"
    tones = client.get("/v1/tones", headers={"Accept-Language": "zh-CN"}).get_json()
    assert tones["ui_language"] == "zh-CN"
    assert all(chinese(tone["description"]) for tone in tones["tones"])
    english = client.get("/v1/tones").get_json()["tones"]
    assert [tone["name"] for tone in english] == [tone["name"] for tone in tones["tones"]]


def test_a_languagetool_client_asking_for_chinese_gets_it_in_languagetools_shape(
    client: FlaskClient,
) -> None:
    text = "Me and John went home. I have a apple. We recieve letters."
    form = {"text": text, "language": "en-US"}
    english = client.post("/v2/check", data=form).get_json()
    answer = client.post("/v2/check", data={**form, "motherTongue": "zh-CN"}).get_json()
    assert LTCheckResponseSchema().validate(answer) == {}
    assert set(answer) == set(english)
    matches = {match["rule"]["id"]: match for match in answer["matches"]}
    for match, before in zip(answer["matches"], english["matches"], strict=True):
        assert set(match) == set(before)
        assert match["rule"]["id"] == before["rule"]["id"]
        assert (match["offset"], match["length"]) == (before["offset"], before["length"])
        assert match["replacements"] == before["replacements"]
    assert matches["harper.SubjectPronoun"]["message"] == "在并列主语中，把别人放在前面，并用“I”。"
    assert "冠词" in matches["harper.AnA"]["message"]
    spelling = matches["harper.SpellCheck"]
    assert spelling["shortMessage"] == "拼写错误"
    assert spelling["rule"]["category"] == {"id": "TYPOS", "name": "可能的拼写错误"}
    browser = client.post("/v2/check", data=form, headers={"Accept-Language": "zh-CN,zh;q=0.9"})
    assert chinese(browser.get_json()["matches"][0]["message"])
