"""Fixtures: the scriptable model server, and engines and apps pointed at it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask

from addin_server import create_app
from addin_server.config import Settings
from addin_server.engines.llm import LlmConfig, LlmEngine
from addin_server.engines.local.engine import LocalEngine
from tests.model_server import ModelServer

# Small enough that a failing call falls back quickly; the suite stays fast.
FAST = {"llm_timeout": 3.0, "llm_max_retries": 1}


def parse_events(raw: str) -> list[tuple[str, dict]]:
    """``(event, data)`` pairs of an SSE body; comments skipped."""
    events = []
    for block in raw.split("\n\n"):
        lines = [line for line in block.split("\n") if line and not line.startswith(":")]
        if lines:
            name = lines[0].removeprefix("event: ")
            events.append((name, json.loads(lines[1].removeprefix("data: "))))
    return events


def timed_rewrite(
    app: Flask, text: str, *, stream: bool = False, engine: str = "auto"
) -> tuple[dict[str, Any], float]:
    """``POST /v1/rewrite`` of ``text`` (streamed or not): the final answer, and the seconds
    it took."""
    started = time.monotonic()
    asked = {"text": text, "stream": stream, "engine": engine}
    response = app.test_client().post("/v1/rewrite", json=asked)
    assert response.status_code == 200
    if stream:
        name, body = parse_events(response.get_data(as_text=True))[-1]
        assert name == "done"
    else:
        body = response.get_json()
    return body, time.monotonic() - started


@pytest.fixture(scope="session")
def local_engine() -> LocalEngine:
    """A warmed-up local engine shared by the model engines of the tests."""
    engine = LocalEngine()
    engine.warm_up()
    return engine


def model_settings(server: ModelServer, **overrides: Any) -> Settings:
    """Settings that point at ``server`` (fast timeouts; override as needed)."""
    values = {"llm_base_url": server.url, "llm_model": server.model, **FAST, **overrides}
    return Settings.load({}, values)


@pytest.fixture()
def make_engine(model: ModelServer, local_engine: LocalEngine) -> Callable[..., LlmEngine]:
    """Build a model engine against the test server with settings overrides."""

    def build(**overrides: Any) -> LlmEngine:
        settings = model_settings(model, **overrides)
        config = LlmConfig.from_settings(settings.model, settings.chunking)
        assert config is not None
        return LlmEngine(config, local_engine)

    return build


@pytest.fixture()
def make_app(model: ModelServer) -> Callable[..., Flask]:
    """Build an app whose model engine uses the test server."""

    def build(**overrides: Any) -> Flask:
        values = {"llm_base_url": model.url, "llm_model": model.model, **FAST, **overrides}
        app = create_app(values, environ={}, warm_up=False)
        app.extensions["penwise"].warm_up(background=False)
        return app

    return build
