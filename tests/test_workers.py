"""``addin-server serve`` with several waitress worker processes (Linux and macOS).

The parent builds the app, forks the workers onto one listening socket and supervises them.
Loopback only; every test bounds its time and stops its server.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.conftest import LiveServer, start_server, stop_server
from tests.model_server import ModelServer, Reply
from tests.observability.test_multiprocess import counted_in_one_answer

TEXT = "Their is a error in this sentence."

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or not Path("/proc/self/smaps_rollup").exists(),
    reason="worker processes need fork(); the tests read /proc",
)


def workers_of(parent: int) -> list[int]:
    """The pids of ``parent``'s child processes."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(proc.name))
        except OSError:  # a process that ended
            continue
    return sorted(found)


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
