"""``addin-server serve`` with several waitress worker processes (Linux and macOS).

The parent builds the app, forks the workers onto one listening socket and supervises them.
Loopback only; every test bounds its time and stops its server.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from addin_server.serve.metrics_folder import remove_stale_folders
from tests.conftest import LiveServer, start_server, stop_server
from tests.model_server import ModelServer, Reply
from tests.observability.test_multiprocess import counted_in_one_answer
from tests.processes import connection_owners, workers_of

TEXT = "Their is a error in this sentence."

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not Path("/proc/self/smaps_rollup").exists(),
    reason="worker processes need fork(); the tests read /proc",
)


def memory_kib(pid: int) -> dict[str, int]:
    """``Rss``, ``Pss``, ``Private_Dirty``... of one process, in KiB."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    return fields


@pytest.fixture()
def two_workers(tmp_path: Path) -> Iterator[LiveServer]:
    server = start_server(tmp_path, {"ADDIN_WORKERS": "2"})
    yield server
    stop_server(server)


def test_two_workers_answer_and_one_metrics_answer_counts_both(tmp_path: Path) -> None:
    server = start_server(tmp_path, {"ADDIN_WORKERS": "2", "ADDIN_THREADS": "4"})
    try:
        assert len(workers_of(server.process.pid)) == 2
        directory = counted_in_one_answer(server)
        log = server.log()
        assert "ready in" in log and "2 worker processes x 4 threads" in log
        assert "threads running before the fork" not in log
    finally:
        stop_server(server)
    assert not directory.exists(), "the metrics directory outlived the server"


def test_the_workers_share_the_engines_built_before_the_fork(two_workers: LiveServer) -> None:
    for pid in workers_of(two_workers.process.pid):
        memory = memory_kib(pid)
        # spaCy's pipeline, the word tables, Harper's dictionary and the part of Harper the
        # parent's main thread built are mapped in each worker (RSS) but were written by the
        # parent only (engines.local.lint_threads). Built by the worker, all would be its own.
        assert memory["Rss"] > 250_000, memory
        assert memory["Private_Dirty"] < 0.6 * memory["Rss"], memory


def test_a_killed_worker_is_replaced(two_workers: LiveServer) -> None:
    parent = two_workers.process.pid
    first, second = workers_of(parent)
    os.kill(first, signal.SIGKILL)
    deadline = time.monotonic() + 15
    while True:
        # The other worker answers meanwhile.
        answer = requests.post(two_workers.url + "/v1/check", json={"text": TEXT}, timeout=10)
        assert answer.status_code == 200 and answer.json()["issues"]
        current = workers_of(parent)
        if len(current) == 2 and first not in current:
            break
        assert time.monotonic() < deadline, f"no new worker: {current}"
        time.sleep(0.2)
    assert second in current
    assert f"(pid {first}) was killed by SIGKILL" in two_workers.log()
    replacement = next(pid for pid in current if pid != second)
    deadline = time.monotonic() + 10
    while f"(pid {replacement}) serving on" not in two_workers.log():
        assert time.monotonic() < deadline, "the new worker never said it serves"
        time.sleep(0.1)


def test_sigterm_to_the_parent_lets_each_worker_finish_its_request(
    tmp_path: Path, model: ModelServer
) -> None:
    model.reset()
    model.script(Reply(content='{"rewritten": "There is an error in this sentence."}', delay=2))
    server = start_server(
        tmp_path,
        {"ADDIN_WORKERS": "2", "ADDIN_LLM_BASE_URL": model.url, "ADDIN_LLM_MODEL": model.model},
    )
    answers: list[requests.Response | Exception] = []

    def rewrite() -> None:
        try:
            answers.append(
                requests.post(server.url + "/v1/rewrite", json={"text": TEXT}, timeout=30)
            )
        except requests.RequestException as error:
            answers.append(error)

    try:
        workers = workers_of(server.process.pid)
        thread = threading.Thread(target=rewrite, daemon=True)
        thread.start()
        assert model.wait_for(lambda: bool(model.calls), timeout=10)
        server.process.send_signal(signal.SIGTERM)  # the parent alone: it passes it on
        assert server.process.wait(20) == 0
        thread.join(10)
    finally:
        stop_server(server)
    (response,) = answers
    assert isinstance(response, requests.Response), response  # never an empty reply
    assert response.status_code == 200
    assert response.json()["rewritten"] == "There is an error in this sentence."
    for pid in workers:
        assert not Path(f"/proc/{pid}").exists() or "Z" in _state(pid), f"worker {pid} outlived"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_kept_alive_clients_are_shared_and_a_restarted_worker_takes_its_share(
    tmp_path: Path,
) -> None:
    temporary = tmp_path / "tmp"
    stale, kept = _metrics_folders(temporary)
    server = start_server(tmp_path, {"ADDIN_WORKERS": "2", "TMPDIR": str(temporary)})
    port = int(server.url.rsplit(":", 1)[1])
    stop = threading.Event()
    clients = [threading.Thread(target=_keep_checking, args=(port, stop)) for _ in range(16)]
    try:
        assert not stale.exists() and kept.exists()  # cleaned at start, the live one kept
        for client in clients:
            client.start()
        held = _wait_for_connections(port, server.process.pid, lambda held: len(held) == 16)
        # Before, the kernel split 16 clients 3 / 13 between two workers.
        assert all(count >= 6 for count in Counter(held.values()).values()), held
        first, second = workers_of(server.process.pid)
        os.kill(first, signal.SIGKILL)  # its clients reconnect, all to the survivor
        replaced = _wait_for_connections(
            port, server.process.pid, lambda held: bool(set(held.values()) - {first, second})
        )
        new = (set(replaced.values()) - {first, second}).pop()
        # Before, the survivor kept every client: the new worker got none until they left.
        shared = _wait_for_connections(
            port, server.process.pid, lambda held: list(held.values()).count(new) >= 6
        )
        assert list(shared.values()).count(new) >= 6
    finally:
        stop.set()
        for client in clients:
            client.join(10)
        stop_server(server)
    assert kept.exists()


def test_only_the_metrics_folders_of_servers_that_are_gone_are_removed(tmp_path: Path) -> None:
    stale, kept = _metrics_folders(tmp_path)
    assert remove_stale_folders(tmp_path) == [stale]
    assert kept.exists() and not stale.exists()


def _metrics_folders(parent: Path) -> tuple[Path, Path]:
    """A folder left by a server killed with SIGKILL (its pid is gone), and one whose server
    runs (this process)."""
    gone = subprocess.Popen(["true"])
    gone.wait()
    stale = parent / f"penwise-metrics-{gone.pid}-abc123"
    kept = parent / f"penwise-metrics-{os.getpid()}-def456"
    for folder in (stale, kept):
        folder.mkdir(parents=True)
        (folder / "counter_1.db").write_bytes(b"")
    return stale, kept


def _keep_checking(port: int, stop: threading.Event) -> None:
    """Check in a loop on a kept-alive connection, a new one when the old one ends."""
    connection: http.client.HTTPConnection | None = None
    body = json.dumps({"text": TEXT})
    while not stop.is_set():
        connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            connection.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
            answer = connection.getresponse()
            answer.read()
        except (OSError, http.client.HTTPException):  # its worker was killed
            connection.close()
            connection = None
            continue
        if answer.will_close:
            connection.close()
            connection = None
        time.sleep(0.02)


def _wait_for_connections(
    port: int, parent: int, done: Callable[[dict[int, int]], bool], seconds: float = 15
) -> dict[int, int]:
    """Poll which worker holds each client connection until ``done`` says so."""
    deadline = time.monotonic() + seconds
    while True:
        held = connection_owners(port, workers_of(parent))
        if done(held):
            return held
        assert time.monotonic() < deadline, f"connections held: {Counter(held.values())}"
        time.sleep(0.1)
