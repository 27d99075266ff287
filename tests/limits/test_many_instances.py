"""Many instances, end to end: a real ``redis-server`` and two ``addin-server serve``
processes share one rate limit and one token budget; nginx balances between them; when
Redis goes away both keep answering, counting on their machine, and say so in ``/readyz``
and once in their logs, whatever the traffic; under
gunicorn the in-flight cap refuses the request past it at once.

The tests run in order on one set of processes (starting them is the slow part); the
outage comes last.
"""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import requests

from addin_server.limits.in_flight import STALL_SECONDS
from tests.conftest import LiveServer, free_port, start_server, stop_server
from tests.limits.conftest import KEY_A, KEY_B, KEY_C, RedisServer, start_redis
from tests.model_server import ModelServer, Reply, editor_reply
from tests.system_tools import NGINX

KEY_D = "key-d-0123456789abcdef"
KEY_E = "key-e-0123456789abcdef"
TEXT = "Teh report is very big and we recieve alot of questions about it."


@dataclass
class Cluster:
    """Redis, two instances and the model endpoint they share."""

    redis: RedisServer
    servers: list[LiveServer]
    model: ModelServer
    tmp: Path


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    tmp = tmp_path_factory.mktemp("cluster")
    redis_server = start_redis(tmp)
    model = ModelServer().start()
    env = {
        "ADDIN_REDIS_URL": redis_server.url,
        "ADDIN_RATE_LIMIT": "5/minute",
        "ADDIN_API_KEYS": ",".join((KEY_A, KEY_B, KEY_C, KEY_D, KEY_E)),
        "ADDIN_LLM_BASE_URL": model.url,
        "ADDIN_LLM_MODEL": model.model,
        "ADDIN_LLM_DAILY_TOKENS": "50",
        "ADDIN_LLM_TIMEOUT": "3",
        "ADDIN_LLM_MAX_RETRIES": "1",
        # One Harper lane: a second one warms for 1.5 s after ready, and the in-flight cap
        # counts that work as progress (its test below wants a worker that has none).
        "ADDIN_LOCAL_CHUNK_THREADS": "1",
    }
    with ThreadPoolExecutor(2) as pool:
        starting = [pool.submit(start_server, tmp, env) for _ in range(2)]
        servers = [future.result() for future in starting]
    cluster = Cluster(redis_server, servers, model, tmp)
    yield cluster
    for server in servers:
        stop_server(server)
    cluster.redis.stop()  # a test may have restarted it: stop the one running now
    model.stop()


def _get(server: LiveServer, path: str, key: str) -> requests.Response:
    return requests.get(server.url + path, headers={"X-API-Key": key}, timeout=30)


def _rewrite(url: str, key: str) -> dict:
    body = {"text": TEXT, "tone": "formal"}
    answer = requests.post(url + "/v1/rewrite", json=body, headers={"X-API-Key": key}, timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_one_rate_limit_holds_across_instances(cluster: Cluster) -> None:
    codes = [_get(cluster.servers[n % 2], "/v1/tones", KEY_A).status_code for n in range(6)]
    assert codes == [200] * 5 + [429]
    refused = _get(cluster.servers[0], "/v1/tones", KEY_A)  # and on the other instance too
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1


def test_one_token_budget_holds_across_instances(cluster: Cluster) -> None:
    first, second = cluster.servers
    assert _rewrite(first.url, KEY_B)["engine"] == "llm"
    spent = _rewrite(second.url, KEY_B)
    assert spent["engine"] == "local" and spent["degraded"]
    assert "llm-budget-spent" in [warning["code"] for warning in spent["warnings"]]
    assert _rewrite(second.url, KEY_C)["engine"] == "llm"  # another key's budget


NGINX_CONF = """
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;

    # From the README's "Run it for a team" (addresses and the listener changed).
    upstream penwise {{
        least_conn;
        server {first} max_fails=3 fail_timeout=10s;
        server {second} max_fails=3 fail_timeout=10s;
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 8m;
        location / {{
            proxy_pass http://penwise;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 180s;
            proxy_buffering off;
        }}
    }}
}}
"""


def test_nginx_balances_the_instances(cluster: Cluster) -> None:
    nginx_path = NGINX.require()
    tmp = cluster.tmp / "nginx"
    tmp.mkdir()
    port = free_port()
    first, second = (server.url.removeprefix("http://") for server in cluster.servers)
    conf = tmp / "nginx.conf"
    conf.write_text(NGINX_CONF.format(tmp=tmp, first=first, second=second, port=port))
    nginx = subprocess.Popen(
        [nginx_path, *f"-p {tmp} -c {conf} -e {tmp / 'error.log'}".split(), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            assert nginx.poll() is None, nginx.stderr.read().decode() if nginx.stderr else ""
            try:
                health = requests.get(url + "/healthz", timeout=2)
                break
            except requests.ConnectionError:
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.1)
        assert health.status_code == 200
        checked = requests.post(
            url + "/v1/check", json={"text": TEXT}, headers={"X-API-Key": KEY_D}, timeout=30
        )
        assert checked.status_code == 200
        assert checked.json()["issues"]
        streamed = requests.post(
            url + "/v1/rewrite",
            json={"text": TEXT, "tone": "formal", "stream": True},
            headers={"X-API-Key": KEY_D},
            timeout=30,
        )
        assert streamed.status_code == 200 and "event: done" in streamed.text
    finally:
        nginx.terminate()
        nginx.wait(10)


def test_slow_model_calls_hold_only_their_share_of_the_in_flight_places(
    cluster: Cluster,
) -> None:
    # ADDIN_THREADS=4 (tests/conftest.py): `auto` caps a worker at 3 places, of which 2 may
    # wait on the model (issue 23): a third rewrite is answered by the local engine at once,
    # and a request that needs no model still finds a place.
    server, model = cluster.servers[0], cluster.model
    model.reset()
    model.script(then=Reply(content=editor_reply, delay=4.0))
    try:
        with ThreadPoolExecutor(2) as pool:
            held = [pool.submit(_rewrite, server.url, KEY_E) for _ in range(2)]
            assert model.wait_for(lambda: model.in_flight == 2)
            started = time.monotonic()
            third = _rewrite(server.url, KEY_E)
            assert "llm-busy" in [w["code"] for w in third["warnings"]]
            assert _get(server, "/v1/tones", KEY_E).status_code == 200
            assert time.monotonic() - started < STALL_SECONDS + 0.5
            assert model.in_flight == 2  # the third never reached the model
            assert requests.get(server.url + "/readyz", timeout=5).status_code == 200
            assert all(future.result()["rewritten"] for future in held)
    finally:
        model.reset()


def test_without_redis_both_instances_keep_answering_on_their_machine(cluster: Cluster) -> None:
    port = int(cluster.redis.url.rsplit(":", 1)[1].split("/")[0])
    cluster.redis.stop()
    # No request meanwhile: each instance notices the outage by itself, within a second.
    for server in cluster.servers:
        _wait_for_log(server, "Redis (ADDIN_REDIS_URL) is unavailable")
    for server in cluster.servers:
        for path in ("/v1/tones", "/v1/info"):
            assert _get(server, path, KEY_C).status_code == 200
        assert _rewrite(server.url, KEY_C)["rewritten"]
        ready = requests.get(server.url + "/readyz", timeout=10)
        assert ready.status_code == 200
        assert ready.json()["checks"]["redis"] == "unavailable (counting on this machine)"
    for server in cluster.servers:
        assert server.log().count("Redis (ADDIN_REDIS_URL) is unavailable") == 1
        assert "Traceback" not in server.log()

    # Redis comes back on the same address: each instance notices within a second, says
    # so once, and its rate limit counts in Redis again from the next request.
    cluster.redis = start_redis(cluster.tmp, port)
    for server in cluster.servers:
        _wait_for_log(server, "Redis (ADDIN_REDIS_URL) answers again")
    raw = redis.Redis.from_url(cluster.redis.url)
    assert not raw.keys("LIMITS:*")  # a new Redis, without persistence
    assert _get(cluster.servers[0], "/v1/info", KEY_C).status_code == 200
    assert raw.keys("LIMITS:*")
    for server in cluster.servers:
        assert requests.get(server.url + "/readyz", timeout=10).json()["checks"]["redis"] == "ok"
        assert server.log().count("Redis (ADDIN_REDIS_URL) answers again") == 1


def _wait_for_log(server: LiveServer, line: str, seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while line not in server.log():
        assert time.monotonic() < deadline, f"not logged within {seconds} s: {line}"
        time.sleep(0.1)
