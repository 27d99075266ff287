"""A tone is one entry of tones data: a made-up tone, added the way a real one is, shows in
``GET /v1/tones``, is taken by ``POST /v1/rewrite``, gets its recipe from the local engine
and its wording in the model's prompt."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from addin_server import tones
from addin_server.engines.base import RewriteOptions
from addin_server.engines.llm import LlmEngine
from addin_server.engines.local.rewrite import NAMED_STEPS
from addin_server.messages.catalog import ENGLISH, table
from addin_server.rules import builtin_rules
from tests.model_server import ModelServer

PIRATE = """
[[tone]]
name = "pirate"
prompt = "pirate: bold and salty, like a ship's captain giving orders"
[tone.local]
formality = -2
steps = ["style.hedging"]
"""


@pytest.fixture()
def pirate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tones.Tone]:
    """A made-up tone added as one entry of a tones file, with its description in English."""
    data = tmp_path / "tones.toml"
    data.write_text(PIRATE, encoding="utf-8")
    [tone] = tones.load(data)
    monkeypatch.setattr(tones, "TONES", (*tones.TONES, tone))
    monkeypatch.setitem(table(ENGLISH), tone.message_id, "Bold and salty.")
    yield tone


def test_a_new_tone_is_offered_to_the_picker(client: FlaskClient, pirate: tones.Tone) -> None:
    offered = client.get("/v1/tones").get_json()["tones"]
    assert offered[-1] == {"name": "pirate", "description": "Bold and salty."}
    assert [tone["name"] for tone in offered[:-1]] == [tone.name for tone in tones.TONES[:-1]]


def test_the_local_engine_follows_a_new_tones_recipe(
    client: FlaskClient, pirate: tones.Tone
) -> None:
    text = "I think we do not have the time."
    answer = client.post("/v1/rewrite", json={"text": text, "tone": "pirate", "engine": "local"})
    assert answer.status_code == 200, answer.get_json()
    # Its steps remove the hedge; its formality of -2 contracts.
    assert answer.get_json()["rewritten"] == "We don't have the time."
    unknown = client.post("/v1/rewrite", json={"text": text, "tone": "parrot"})
    assert unknown.status_code == 422


def test_the_model_reads_a_new_tones_wording(
    model: ModelServer, make_engine: Callable[..., LlmEngine], pirate: tones.Tone
) -> None:
    make_engine().rewrite("We will sail at dawn.", RewriteOptions(tone="pirate"))
    [call] = model.calls
    assert "Tone: pirate: bold and salty, like a ship's captain giving orders\n" in call.user


def test_every_tone_names_steps_the_local_engine_has() -> None:
    rules = {rule.info.id for rule in builtin_rules()}
    for tone in tones.TONES:
        for step in (*tone.local.steps, *tone.local.last_steps):
            assert step in NAMED_STEPS or step in rules, (tone.name, step)
        assert tone.local.available in {"fully", "partly", "not"}
        assert -2 <= tone.local.formality <= 2
