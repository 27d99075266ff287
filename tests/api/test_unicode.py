"""Offsets hold in code points and in UTF-16 units for every kind of text writers paste."""

from __future__ import annotations

import json

import pytest
from flask.testing import FlaskClient

from tests.invariants import assert_v1_offsets, assert_v2_offsets

CASES = {
    "emoji": "👍🏽 Their is a error in this sentance. 🎉",
    "zwj family": "👨‍👩‍👧‍👦 We has a dog and a cat. 👩🏽‍💻 Teh end.",
    "flags": "🇫🇷🇩🇪 The flags is here, sentance ends 🇯🇵.",
    "cjk": "日本語のテキスト。This sentance is mixed with 中文字符。",
    "arabic and hebrew": "مرحبا بالعالم. Their is a error. שלום עולם.",
    "combining marks": "Cafe\u0301 is nice, but the naı\u0308ve sentance is wrong.",
    "crlf": "First line has a error.\r\nSecond line sentance.\r\n",
    "nbsp": "Their\u00a0is a\u00a0error in this sentance.",
    "zero width": "Their\u200b is a\u200d error in\ufeff this sentance.",
    "special tokens": "<|endoftext|> Their is a error <|im_start|> sentance.",
    "math symbols": "𝒜𝓁𝓅𝒽𝒶 is fancy; the sentance has a error 𝔘.",
    "empty": "",
    "only spaces": "   \n\t  ",
}


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_v1_offsets_are_right_in_both_units(client: FlaskClient, text: str) -> None:
    response = client.post("/v1/check", json={"text": text})
    assert response.status_code == 200
    if text:
        assert_v1_offsets(text, response.get_json()["issues"])
    else:
        assert response.get_json()["issues"] == []


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_v2_offsets_are_right_in_utf16(client: FlaskClient, text: str) -> None:
    response = client.post("/v2/check", data={"text": text, "language": "en-US"})
    assert response.status_code == 200
    if text:
        assert_v2_offsets(text, response.get_json()["matches"])
    else:
        assert response.get_json()["matches"] == []


def test_issues_after_emoji_are_found_in_both_units(client: FlaskClient) -> None:
    text = CASES["zwj family"]
    issues = client.post("/v1/check", json={"text": text}).get_json()["issues"]
    teh = next(issue for issue in issues if issue["text"] == "Teh")
    assert teh["utf16_offset"] > teh["offset"]  # the emoji before it count twice in UTF-16


@pytest.mark.parametrize(
    "raw",
    [
        b'{"text": "a \\ud800 b sentance"}',
        b'{"text": "\\udc00 Their is a error"}',
        b'{"text": "end sentance \\ud83d"}',
        b'{"text": "\\ud83d\\ude00 sentance \\udfff"}',
    ],
)
def test_lone_surrogates_never_break_the_server(client: FlaskClient, raw: bytes) -> None:
    response = client.post("/v1/check", data=raw, content_type="application/json")
    assert response.status_code == 200
    text = json.loads(raw)["text"]
    assert_v1_offsets(text, response.get_json()["issues"])
