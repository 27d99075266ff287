"""The real ``addin-server serve`` under slow clients and SIGTERM (issue 11, findings 3, 5),
with one worker process and with two (tests/test_workers.py has the rest of the workers).

Loopback only; every test bounds its connections and its time, and stops by itself.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import LiveServer, start_server, stop_server
from tests.model_server import ModelServer, Reply

SLOW_CLIENTS = 50
TEXT = "Their is a error in this sentence."


@pytest.fixture(scope="module")
def model() -> Iterator[ModelServer]:
    server = ModelServer().start()
    yield server
    server.stop()


def _port(server: LiveServer) -> int:
    return int(server.url.rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def two_workers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The default stack with two worker processes on one listening socket."""
    server = start_server(tmp_path_factory.mktemp("two-workers"), {"ADDIN_WORKERS": "2"})
    yield server
    stop_server(server)


@pytest.mark.parametrize("served", ["live_server", "two_workers"])
def test_fifty_slow_clients_leave_the_server_answering(
    request: pytest.FixtureRequest, served: str
) -> None:
    live_server: LiveServer = request.getfixturevalue(served)
    port = _port(live_server)
    slow: list[socket.socket] = []
    try:
        for _ in range(SLOW_CLIENTS):  # headers begun, never finished
            connection = socket.create_connection(("127.0.0.1", port), timeout=5)
            connection.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\n")
            slow.append(connection)
        for second in range(3):
            for connection in slow:  # a header line now and then keeps each one alive
                connection.sendall(f"X-Slow-{second}: 1\r\n".encode())
            started = time.monotonic()
            response = requests.post(live_server.url + "/v1/check", json={"text": TEXT}, timeout=5)
            assert response.status_code == 200 and response.json()["issues"]
            assert time.monotonic() - started < 4.0  # before: no answer at all
            time.sleep(0.5)
    finally:
        for connection in slow:
            connection.close()


@pytest.mark.parametrize("stack", ["waitress", "gunicorn"])
def test_no_server_banner(tmp_path: Path, stack: str) -> None:
    server = start_server(tmp_path, {"ADDIN_SERVER": stack})
    try:
        response = requests.get(server.url + "/healthz", timeout=10)
        assert response.status_code == 200 and "Server" not in response.headers
    finally:
        stop_server(server)


def test_a_chunked_body_over_the_limit_gets_413(tmp_path: Path) -> None:
    server = start_server(tmp_path, {"ADDIN_MAX_BODY_BYTES": "64KiB"})
    try:

        def pieces() -> Iterator[bytes]:
            yield b'{"text": "'
            for _ in range(100):
                yield b"a" * 1024
            yield b'"}'

        response = requests.post(
            server.url + "/v1/check",
            data=pieces(),  # a generator: sent chunked, without Content-Length
            headers={"content-type": "application/json"},
            timeout=10,
        )
        assert response.status_code == 413
    finally:
        stop_server(server)


def _rewrite_in_background(
    url: str, answers: list[requests.Response | Exception], request_id: str = ""
) -> None:
    headers = {"X-Request-ID": request_id} if request_id else {}

    def run() -> None:
        try:
            answers.append(
                requests.post(url + "/v1/rewrite", json={"text": TEXT}, headers=headers, timeout=30)
            )
        except requests.RequestException as error:
            answers.append(error)

    threading.Thread(target=run, daemon=True).start()


@pytest.mark.parametrize(
    ("stack", "workers"), [("waitress", "1"), ("waitress", "2"), ("gunicorn", "1")]
)
def test_sigterm_lets_a_long_request_finish(
    tmp_path: Path, model: ModelServer, stack: str, workers: str
) -> None:
    model.reset()
    model.script(Reply(content='{"rewritten": "There is an error in this sentence."}', delay=2))
    server = start_server(
        tmp_path,
        {
            "ADDIN_SERVER": stack,
            "ADDIN_WORKERS": workers,
            "ADDIN_LLM_BASE_URL": model.url,
            "ADDIN_LLM_MODEL": model.model,
        },
    )
    answers: list[requests.Response | Exception] = []
    try:
        _rewrite_in_background(server.url, answers)
        assert model.wait_for(lambda: bool(model.calls), timeout=10)
        os.killpg(server.process.pid, signal.SIGTERM)
        assert server.process.wait(20) == 0
    finally:
        stop_server(server)
    deadline = time.monotonic() + 10
    while not answers and time.monotonic() < deadline:
        time.sleep(0.05)
    response = answers[0]
    assert isinstance(response, requests.Response), response  # never an empty reply
    assert response.status_code == 200
    assert response.json()["rewritten"] == "There is an error in this sentence."


def test_a_request_dropped_at_shutdown_is_logged_as_its_client_saw_it(
    tmp_path: Path, model: ModelServer
) -> None:
    model.reset()
    model.script(Reply(content='{"rewritten": "x"}', delay=25))  # outlasts the 10 s grace
    server = start_server(
        tmp_path,
        {
            "ADDIN_LLM_BASE_URL": model.url,
            "ADDIN_LLM_MODEL": model.model,
            "ADDIN_LLM_TIMEOUT": "30",
            "ADDIN_REQUEST_DEADLINE": "40",
        },
    )
    answers: list[requests.Response | Exception] = []
    try:
        _rewrite_in_background(server.url, answers, request_id="dropped-1")
        assert model.wait_for(lambda: bool(model.calls), timeout=10)
        signalled = time.monotonic()
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(20) == 0
        exited = time.monotonic() - signalled
    finally:
        stop_server(server)
    assert answers and isinstance(answers[0], requests.ConnectionError)  # the client's view
    log = server.log()
    assert (
        "shutdown: 1 request still running after 10 s was dropped; its client sees a closed "
        "connection: POST /v1/rewrite id=dropped-1" in log
    )
    # Named once, as dropped: no line says it was answered, and the worker did not linger.
    assert not any("id=dropped-1" in line and " 200 " in line for line in log.splitlines())
    assert exited < 12
