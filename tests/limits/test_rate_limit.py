"""ADDIN_RATE_LIMIT: per API key (per address without keys), on the API only; 429 with
Retry-After and the RateLimit fields; a Redis that fails never fails the request."""

from __future__ import annotations

import re
import time

import pytest

from addin_server import ConfigError, Settings
from addin_server.errors import PROBLEM_MIME
from tests.conftest import free_port
from tests.limits.conftest import KEY_A, KEY_B, RedisServer, bare_app


def _get(client, path: str = "/v1/echo", key: str | None = KEY_A, address: str = "10.0.0.1"):
    headers = {"X-API-Key": key} if key else {}
    return client.get(path, headers=headers, environ_base={"REMOTE_ADDR": address})


def test_the_request_past_the_limit_gets_a_429_problem_with_retry_after() -> None:
    app, _ = bare_app(rate_limit="3/minute", api_keys=(KEY_A,))
    client = app.test_client()
    answers = [_get(client) for _ in range(4)]
    assert [answer.status_code for answer in answers] == [200, 200, 200, 429]
    assert answers[0].headers["RateLimit-Policy"] == '"penwise";q=3;w=60'
    assert answers[0].headers["RateLimit"].startswith('"penwise";r=2;t=')
    refused = answers[-1]
    assert refused.mimetype == PROBLEM_MIME
    assert refused.get_json()["type"] == "urn:penwise:problem:rate-limited"
    assert "3 per 1 minute" in refused.get_json()["detail"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 61
    assert refused.headers["RateLimit"].startswith('"penwise";r=0;')


def test_ratelimit_counts_the_seconds_down_from_the_window_never_above_it() -> None:
    app, _ = bare_app(rate_limit="5 per 10 seconds", api_keys=(KEY_A,))
    client = app.test_client()
    first = _get(client).headers["RateLimit"]
    assert first == '"penwise";r=4;t=10'  # a 10 s window: never t=11
    time.sleep(1.1)
    later = re.fullmatch(r'"penwise";r=3;t=(\d+)', _get(client).headers["RateLimit"])
    assert later and 5 <= int(later.group(1)) <= 9  # counting down (5: a loaded machine)


def test_each_key_has_its_own_limit_across_all_api_endpoints() -> None:
    app, _ = bare_app(rate_limit="2/minute", api_keys=(KEY_A, KEY_B))
    client = app.test_client()
    assert _get(client, "/v1/echo").status_code == 200
    assert client.post("/v2/check", data={"apiKey": KEY_A}).status_code == 200
    assert _get(client, "/v1/echo").status_code == 429  # one limit for /v1 and /v2 together
    assert _get(client, key=KEY_B).status_code == 200  # same address, another key
    assert _get(client, key=KEY_B).status_code == 200


def test_without_keys_each_client_address_has_its_own_limit() -> None:
    app, _ = bare_app(rate_limit="1/minute")
    client = app.test_client()
    assert _get(client, key=None, address="10.0.0.1").status_code == 200
    assert _get(client, key=None, address="10.0.0.1").status_code == 429
    assert _get(client, key=None, address="10.0.0.2").status_code == 200


def test_health_task_pane_and_metrics_are_never_limited() -> None:
    app, _ = bare_app(rate_limit="1/minute", api_keys=(KEY_A,))
    client = app.test_client()
    assert _get(client).status_code == 200
    assert _get(client).status_code == 429
    for path in ("/healthz", "/v2/healthcheck", "/taskpane/index.html", "/metrics") * 3:
        answer = _get(client, path)
        assert answer.status_code == 200, path
        assert "RateLimit" not in answer.headers


def test_no_limit_by_default() -> None:
    assert Settings.load({}).limits.rate_limit == ""
    app, _ = bare_app()
    client = app.test_client()
    assert all(_get(client, key=None).status_code == 200 for _ in range(50))
    assert "RateLimit" not in _get(client, key=None).headers


@pytest.mark.parametrize("value", ["lots", "120/fortnight", "5 per"])
def test_an_invalid_rate_stops_start_up_naming_the_variable(value: str) -> None:
    with pytest.raises(ConfigError, match="ADDIN_RATE_LIMIT"):
        Settings.load({"ADDIN_RATE_LIMIT": value})


def test_several_rates_are_accepted() -> None:
    assert Settings.load({"ADDIN_RATE_LIMIT": "10/second;1000/hour"}).limits.rate_limit


def test_the_limit_is_shared_through_redis(redis_server: RedisServer) -> None:
    first, _ = bare_app(rate_limit="3/minute", api_keys=(KEY_A,), redis_url=redis_server.url)
    second, _ = bare_app(rate_limit="3/minute", api_keys=(KEY_A,), redis_url=redis_server.url)
    clients = [first.test_client(), second.test_client()]
    codes = [_get(clients[n % 2]).status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]


def test_a_redis_that_does_not_answer_never_fails_a_request() -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    app, _ = bare_app(rate_limit="2/minute", api_keys=(KEY_A,), redis_url=dead)
    client = app.test_client()
    codes = [_get(client).status_code for _ in range(4)]
    assert codes == [200, 200, 429, 429]  # counted in memory instead
