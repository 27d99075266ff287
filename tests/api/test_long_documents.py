"""A 100,000-word manuscript through the real server: it answers, and every offset is right."""

from __future__ import annotations

import random
import re

import requests

from addin_server.schemas.check import CheckResponseSchema
from tests.conftest import LiveServer
from tests.invariants import assert_v1_offsets, utf16_slice

SENTENCES = [
    "The committee met on Tuesday to review the budget for the coming year.",
    "Their is a error in this sentance.",
    "She said the results were “promising, if not conclusive” 👍🏽 and moved on.",
    "Nobody expected the archive to hold so many letters from the 1890s.",
    "The family 👩‍👩‍👧 travelled north; the roads were worse than the maps suggested.",
    "It was, in every sense, a long winter.",
]


def manuscript(words: int) -> str:
    rng = random.Random(11)
    paragraphs, count = [], 0
    while count < words:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 9)))
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def test_a_100000_word_document_is_checked_with_every_offset_right(
    live_server: LiveServer,
) -> None:
    text = manuscript(100_000)
    assert len(text.split()) >= 100_000
    response = requests.post(live_server.url + "/v1/check", json={"text": text}, timeout=300)
    assert response.status_code == 200
    body = response.json()
    assert CheckResponseSchema().validate(body) == {}
    assert body["incomplete"] is False and body["unprocessed"] == []
    assert_v1_offsets(text, body["issues"])
    # Every planted misspelling, from the first page to the last, is flagged where it is.
    planted = [match.start() for match in re.finditer("sentance", text)]
    flagged = [issue for issue in body["issues"] if issue["text"] == "sentance"]
    assert [issue["offset"] for issue in flagged] == planted
    last = flagged[-1]
    assert utf16_slice(text, last["utf16_offset"], last["utf16_length"]) == "sentance"
    assert last["utf16_offset"] > last["offset"]  # the emoji before it count twice in UTF-16
