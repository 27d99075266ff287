"""Rewrites and ideas hold up on every kind of text writers paste, as checks do."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from addin_server.tones import TONE_NAMES
from tests.api.test_unicode import CASES
from tests.invariants import assert_edits_apply

TONES = [None, *TONE_NAMES]
# Words our transforms act on, mixed with anything at all, so the generated texts exercise
# the rewrite paths rather than only the no-change path.
WORDS = st.sampled_from(
    "I'm gonna basically in order to the end result don't it is very a lot of kids "
    "utilize ; , but and we ! !! ? “ ” ' 👍🏽 👨‍👩‍👧 \u200b \r\n Their sentance".split(" ")
)
TEXTS = st.lists(st.one_of(WORDS, st.text(max_size=4)), max_size=25).map(" ".join)


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
@pytest.mark.parametrize("tone", ["formal", "casual", "concise", "simple", "confident"])
def test_rewrites_of_any_text_give_edits_that_apply(
    client: FlaskClient, text: str, tone: str
) -> None:
    response = client.post("/v1/rewrite", json={"text": text, "tone": tone, "engine": "local"})
    assert response.status_code == 200
    body = response.get_json()
    assert_edits_apply(text, body["edits"], body["rewritten"])


@given(text=TEXTS, tone=st.sampled_from(TONES), formality=st.integers(-2, 2))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_generated_texts_rewrite_cleanly(
    client: FlaskClient, text: str, tone: str | None, formality: int
) -> None:
    body = {"text": text, "tone": tone, "formality": formality, "engine": "local"}
    response = client.post("/v1/rewrite", json=body)
    assert response.status_code == 200
    answer = response.get_json()
    assert_edits_apply(text, answer["edits"], answer["rewritten"])


@pytest.mark.parametrize("text", CASES.values(), ids=CASES.keys())
def test_ideas_for_any_text(client: FlaskClient, text: str) -> None:
    response = client.post("/v1/ideas", json={"text": text, "engine": "local"})
    assert response.status_code == 200
    ideas = response.get_json()["ideas"]
    assert bool(ideas) is any(char.isalnum() for char in text)


def test_lone_surrogates_never_break_a_rewrite(client: FlaskClient) -> None:
    raw = b'{"text": "\\ud83d I\'m gonna \\udfff say it", "tone": "formal"}'
    response = client.post("/v1/rewrite", data=raw, content_type="application/json")
    assert response.status_code == 200
    assert "going to" in response.get_json()["rewritten"]
