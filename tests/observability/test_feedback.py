"""POST /v1/feedback counts per rule and tone, never text; GET /v1/stats shows the rates."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import pytest
import redis
from flask import Flask
from flask.testing import FlaskClient

from addin_server import create_app
from addin_server.observability.feedback import PREFIX, FeedbackStore
from tests.conftest import free_port, shared_state
from tests.observability.conftest import AUTH, KEY

HOUR = 3600.0


class Clock:
    """A settable clock."""

    def __init__(self, now: float = 1_000 * HOUR) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def keyed_client() -> FlaskClient:
    """A client of a fresh app (its own feedback counts) that asks for an API key."""
    return create_app({"api_keys": (KEY,)}, environ={}, warm_up=False).test_client()


def send(client: FlaskClient, **body: Any) -> int:
    return client.post("/v1/feedback", json=body, headers=AUTH).status_code


def test_feedback_shows_in_stats_with_its_rate(keyed_client: FlaskClient) -> None:
    for action in ("applied", "applied", "applied", "ignored"):
        assert send(keyed_client, rule_id="style.wordiness", action=action) == 204
    assert send(keyed_client, rule_id="harper.SpellCheck", action="dismissed") == 204
    assert send(keyed_client, rule_id="rewrite", action="applied", tone="formal") == 204
    assert send(keyed_client, rule_id="rewrite", action="ignored", tone="formal") == 204

    stats = keyed_client.get("/v1/stats?hours=24", headers=AUTH).get_json()
    assert stats["hours"] == 24 and stats["since"].endswith(":00:00Z")
    rules = {row["rule_id"]: row for row in stats["rules"]}
    assert rules["style.wordiness"] == {
        "rule_id": "style.wordiness",
        "applied": 3,
        "ignored": 1,
        "dismissed": 0,
        "total": 4,
        "acceptance_rate": 0.75,
    }
    assert rules["harper.SpellCheck"]["acceptance_rate"] == 0.0
    assert stats["rules"][0]["rule_id"] == "style.wordiness"  # most used first
    assert stats["tones"] == [
        {
            "tone": "formal",
            "applied": 1,
            "ignored": 1,
            "dismissed": 0,
            "total": 2,
            "acceptance_rate": 0.5,
        }
    ]


def test_feedback_and_stats_need_the_key(keyed_client: FlaskClient) -> None:
    body = {"rule_id": "style.wordiness", "action": "applied"}
    assert keyed_client.post("/v1/feedback", json=body).status_code == 401
    assert keyed_client.get("/v1/stats").status_code == 401


@pytest.mark.parametrize(
    "body",
    [
        {"action": "applied"},
        {"rule_id": "style.wordiness"},
        {"rule_id": "style.wordiness", "action": "accepted"},
        {"rule_id": "style.wordiness", "action": "applied", "tone": "sarcastic"},
        {"rule_id": "x" * 201, "action": "applied"},
        {"rule_id": "has spaces in it", "action": "applied"},
        {"rule_id": "", "action": "applied"},
        {"rule_id": 7, "action": "applied"},
        {"rule_id": "style.wordiness", "action": "applied", "text": "the writer's text"},
        ["style.wordiness", "applied"],
    ],
)
def test_bad_feedback_is_422(keyed_client: FlaskClient, body: Any) -> None:
    answer = keyed_client.post("/v1/feedback", json=body, headers=AUTH)
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert keyed_client.get("/v1/stats", headers=AUTH).get_json()["rules"] == []


def test_a_rule_id_of_200_characters_is_accepted(keyed_client: FlaskClient) -> None:
    assert send(keyed_client, rule_id="guide." + "a" * 194, action="applied") == 204


@pytest.mark.parametrize("hours", ["0", "721", "soon", "-3"])
def test_a_bad_window_is_422(keyed_client: FlaskClient, hours: str) -> None:
    assert keyed_client.get(f"/v1/stats?hours={hours}", headers=AUTH).status_code == 422


def test_info_says_feedback_is_counted(client: FlaskClient) -> None:
    assert client.get("/v1/info").get_json()["feedback"] is True


def test_the_openapi_document_describes_feedback_and_stats(app: Flask) -> None:
    paths = app.test_client().get("/openapi.json").get_json()["paths"]
    assert "204" in paths["/v1/feedback"]["post"]["responses"]
    assert "422" in paths["/v1/feedback"]["post"]["responses"]
    assert paths["/v1/stats"]["get"]["parameters"][0]["name"] == "hours"


def test_the_store_counts_only_the_window() -> None:
    clock = Clock()
    store = FeedbackStore(shared_state().counts, clock)
    store.record("style.wordiness", "applied")
    clock.now += 5 * HOUR
    store.record("style.wordiness", "ignored")
    assert store.summary(clock.now - 1 * HOUR).rules["style.wordiness"].total == 1
    assert store.summary(clock.now - 5 * HOUR).rules["style.wordiness"].total == 2


def test_the_store_is_thread_safe() -> None:
    store = FeedbackStore(shared_state().counts)

    def work() -> None:
        for _ in range(200):
            store.record("style.wordiness", "applied", "formal")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    summary = store.summary(0)
    assert summary.rules["style.wordiness"].applied == 1600
    assert summary.tones["formal"].applied == 1600


def test_two_apps_never_share_counts() -> None:
    """Two servers on one machine (the same port setting, even) keep their own state."""
    first, second = (
        create_app({"api_keys": (KEY,)}, environ={}, warm_up=False).test_client() for _ in range(2)
    )
    assert send(first, rule_id="style.wordiness", action="applied") == 204
    assert second.get("/v1/stats", headers=AUTH).get_json()["rules"] == []


# --- Redis ---


def test_redis_holds_hourly_hashes(redis_url: str) -> None:
    clock = Clock(2_000 * HOUR + 5)
    store = FeedbackStore(shared_state(redis_url).counts, clock)
    store.record("style.passive_voice", "applied", "casual")
    store.record("style.passive_voice", "dismissed")
    raw = redis.Redis.from_url(redis_url)
    key = f"{PREFIX}2000"
    assert raw.hgetall(key) == {
        b"rule:style.passive_voice:applied": b"1",
        b"rule:style.passive_voice:dismissed": b"1",
        b"tone:casual:applied": b"1",
    }
    assert 30 * 24 * 3600 < raw.ttl(key) <= 31 * 24 * 3600
    summary = store.summary(clock.now)
    assert summary.rules["style.passive_voice"].acceptance_rate == 0.5
    assert summary.tones["casual"].applied == 1 and summary.complete


def test_instances_share_counts_through_redis(redis_url: str) -> None:
    clock = Clock(3_000 * HOUR)
    first = FeedbackStore(shared_state(redis_url).counts, clock)
    second = FeedbackStore(shared_state(redis_url).counts, clock)
    first.record("grammar.a_an", "applied")
    clock.now += HOUR
    second.record("grammar.a_an", "ignored")
    for store in (first, second):
        tally = store.summary(clock.now - HOUR).rules["grammar.a_an"]
        assert (tally.applied, tally.ignored) == (1, 1)
    assert second.summary(clock.now).rules["grammar.a_an"].total == 1


def test_stats_come_from_redis_when_configured(redis_url: str) -> None:
    apps = [
        create_app({"api_keys": (KEY,), "redis_url": redis_url}, environ={}, warm_up=False)
        for _ in range(2)
    ]
    rule = "guide.shared-between-instances"
    assert send(apps[0].test_client(), rule_id=rule, action="applied") == 204
    assert send(apps[1].test_client(), rule_id=rule, action="ignored") == 204
    stats = apps[1].test_client().get("/v1/stats?hours=1", headers=AUTH).get_json()
    row = next(row for row in stats["rules"] if row["rule_id"] == rule)
    assert (row["applied"], row["ignored"], row["acceptance_rate"]) == (1, 1, 0.5)
    assert stats["incomplete"] is False


def test_without_redis_counts_wait_on_the_machine_and_the_outage_is_logged_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    store = FeedbackStore(shared_state(f"redis://127.0.0.1:{free_port()}/0").counts, clock)
    with caplog.at_level(logging.WARNING, logger="addin_server"):
        for _ in range(3):
            store.record("style.wordiness", "applied", "formal")
        summary = store.summary(clock.now)
        time.sleep(1.5)  # the watcher may be the one to find the outage; it pings again
    assert summary.rules["style.wordiness"].applied == 3
    assert summary.tones["formal"].applied == 3
    assert not summary.complete  # Redis's counts are missing: the answer says so
    lines = [r.getMessage() for r in caplog.records if "is unavailable" in r.getMessage()]
    assert len(lines) == 1, lines


def test_feedback_never_fails_when_redis_is_down() -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    client = create_app(
        {"api_keys": (KEY,), "redis_url": url}, environ={}, warm_up=False
    ).test_client()
    assert send(client, rule_id="style.wordiness", action="applied") == 204
    stats = client.get("/v1/stats", headers=AUTH)
    assert stats.status_code == 200
    assert stats.get_json()["rules"][0]["applied"] == 1 and stats.get_json()["incomplete"]
