"""ADDIN_LLM_DAILY_TOKENS: each key's model tokens per UTC day, counted from the endpoint's
usage (or by tiktoken when it reports none); when spent, the local engine answers."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from flask import Flask

from addin_server import create_app
from addin_server.engines.base import RewriteOptions
from addin_server.engines.llm import LlmConfig, LlmEngine
from addin_server.engines.llm.spending import PAYER
from addin_server.limits.budget import DAY_SECONDS, DailyTokenBudget
from addin_server.store.shared_state import SharedState
from tests.conftest import shared_state
from tests.limits.conftest import KEY_A, KEY_B, KEY_C, RedisServer
from tests.model_server import ModelServer

TEXT = "Teh report is very big and we recieve alot of questions about it."
FAST = {"llm_timeout": 3.0, "llm_max_retries": 1}


class Ledger:
    """A budget that records charges; ``spent`` once ``limit`` is reached."""

    def __init__(self, limit: int = 10**9) -> None:
        self.limit = limit
        self.charges: list[tuple[str, int]] = []

    def spent(self, payer: str) -> bool:
        return sum(tokens for who, tokens in self.charges if who == payer) >= self.limit

    def charge(self, payer: str, tokens: int) -> None:
        self.charges.append((payer, tokens))


@pytest.fixture(scope="module")
def model() -> Iterator[ModelServer]:
    server = ModelServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def app(model: ModelServer) -> Flask:
    """One app (its engines are costly to build): a budget smaller than one call."""
    settings = {
        "llm_base_url": model.url,
        "llm_model": model.model,
        "api_keys": (KEY_A, KEY_B, KEY_C),
        "llm_daily_tokens": 50,
        **FAST,
    }
    application = create_app(settings, environ={}, warm_up=False)
    application.extensions["penwise"].warm_up(background=False)
    return application


def _rewrite(app: Flask, key: str, stream: bool = False) -> dict:
    body = {"text": TEXT, "tone": "formal", "stream": stream}
    with app.test_client().post("/v1/rewrite", json=body, headers={"X-API-Key": key}) as sent:
        assert sent.status_code == 200
        if not stream:
            return sent.get_json()
        done = sent.get_data(as_text=True).split("event: done\ndata: ", 1)[1]
    return json.loads(done.split("\n", 1)[0])


def _codes(answer: dict) -> list[str]:
    return [warning["code"] for warning in answer.get("warnings", [])]


def test_a_spent_budget_means_local_answers_for_that_key_only(app: Flask, model: ModelServer):
    model.reset()
    first = _rewrite(app, KEY_A)
    assert first["engine"] == "llm" and not first["degraded"]
    calls = len(model.calls)
    later = _rewrite(app, KEY_A)
    assert len(model.calls) == calls  # the model was not asked
    assert later["degraded"] is True
    assert later["engine"] == "local"
    assert "llm-budget-spent" in _codes(later)
    assert "ADDIN_LLM_DAILY_TOKENS" in later["warnings"][0]["message"]
    other = _rewrite(app, KEY_B)  # another key still has its budget
    assert other["engine"] == "llm" and not other["degraded"]


def test_a_streamed_rewrite_is_charged_and_then_answered_locally(app: Flask, model: ModelServer):
    model.reset()
    assert _rewrite(app, KEY_C, stream=True)["engine"] == "llm"
    later = _rewrite(app, KEY_C, stream=True)
    assert later["engine"] == "local" and "llm-budget-spent" in _codes(later)


def test_check_falls_back_to_the_local_engine_too(app: Flask, model: ModelServer) -> None:
    model.reset()
    client = app.test_client()
    answer = client.post("/v1/check", json={"text": TEXT}, headers={"X-API-Key": KEY_A})
    assert answer.status_code == 200
    assert "llm-budget-spent" in _codes(answer.get_json())
    assert answer.get_json()["issues"]  # the local engine's


def test_usage_is_counted_as_the_endpoint_reports_it(model: ModelServer) -> None:
    from addin_server.engines.local.engine import LocalEngine

    model.reset()
    config = LlmConfig(model=model.model, base_url=model.url, timeout=3.0, max_retries=0)
    ledger = Ledger()
    engine = LlmEngine(config, LocalEngine(), budget=ledger)
    token = PAYER.set("key:abc")
    try:
        engine.rewrite(TEXT, RewriteOptions(tone="formal"))
        reported = sum(call.prompt_tokens for call in model.calls)
        assert len(ledger.charges) == len(model.calls) == 1
        payer, charged = ledger.charges[0]
        assert payer == "key:abc"
        assert charged > reported  # prompt (as reported) plus the answer's tokens
        # A stream reports no usage: its tokens are counted with tiktoken instead.
        list(engine.rewrite_stream(TEXT, RewriteOptions(tone="formal")))
        assert len(ledger.charges) == 2
        assert abs(ledger.charges[1][1] - charged) <= 10
    finally:
        PAYER.reset(token)


def test_no_payer_means_no_budget(model: ModelServer) -> None:
    from addin_server.engines.local.engine import LocalEngine

    model.reset()
    config = LlmConfig(model=model.model, base_url=model.url, timeout=3.0, max_retries=0)
    ledger = Ledger(limit=0)
    engine = LlmEngine(config, LocalEngine(), budget=ledger)
    token = PAYER.set(None)  # as outside any API request
    try:
        result = engine.rewrite(TEXT, RewriteOptions())
    finally:
        PAYER.reset(token)
    assert result.engine == "llm" and not ledger.charges


def test_the_budget_is_per_utc_day() -> None:
    now = [DAY_SECONDS * 100 + 10.0]
    budget = DailyTokenBudget(100, shared_state(), clock=lambda: now[0])
    budget.charge("key:a", 60)
    budget.charge("key:a", 40)
    assert budget.spent("key:a") and not budget.spent("key:b")
    now[0] += DAY_SECONDS
    assert budget.used("key:a") == 0


def test_the_workers_of_a_server_draw_on_one_budget_without_redis() -> None:
    first = shared_state()
    second = SharedState("", first.local.database.path.parent)  # another worker's view
    DailyTokenBudget(100, first).charge("key:a", 70)
    DailyTokenBudget(100, second).charge("key:a", 30)
    assert DailyTokenBudget(100, first).spent("key:a")


def test_the_budget_is_shared_through_redis_and_survives_its_outage(
    redis_server: RedisServer,
) -> None:
    first = DailyTokenBudget(100, shared_state(redis_server.url))
    second = DailyTokenBudget(100, shared_state(redis_server.url))
    first.charge("key:a", 70)
    second.charge("key:a", 30)
    assert first.spent("key:a") and second.used("key:a") == 100
    redis_server.stop()
    assert first.used("key:a") == 0  # Redis is away: only what was spent since then
    first.charge("key:a", 5)
    assert first.used("key:a") == 5
