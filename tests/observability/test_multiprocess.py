"""Under gunicorn with two workers, one /metrics answer counts the requests of both."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.conftest import LiveServer, start_server, stop_server
from tests.observability.conftest import sample

REQUESTS = 200


def metrics_dirs(master: int) -> set[Path]:
    """The PROMETHEUS_MULTIPROC_DIR the workers of ``master`` write to (from their open files)."""
    found = set()
    for proc in Path("/proc").iterdir():
        try:
            if not proc.name.isdigit():
                continue
            if int((proc / "stat").read_text().split(") ", 1)[1].split()[1]) != master:
                continue
            for fd in (proc / "fd").iterdir():
                target = Path(os.readlink(fd))
                if target.parent.name.startswith("penwise-metrics-"):
                    found.add(target.parent)
        except OSError:  # a process that ended, or is not ours
            continue
    return found


def counted_in_one_answer(server: LiveServer) -> Path:
    """Send REQUESTS on new connections at once, so both workers of ``server`` answer some;
    check that each wrote its counts and that every /metrics answer sums both. Returns the
    metrics directory (the caller checks it is gone once the server stops)."""
    with ThreadPoolExecutor(8) as pool:
        statuses = list(
            pool.map(
                lambda _: requests.get(server.url + "/healthz", timeout=30).status_code,
                range(REQUESTS),
            )
        )
    assert statuses == [200] * REQUESTS
    directories = metrics_dirs(server.process.pid)
    assert len(directories) == 1, directories
    (directory,) = directories
    writers = {path.stem.rsplit("_", 1)[1] for path in directory.glob("counter_*.db")}
    assert len(writers) == 2, f"only workers {writers} answered; send more requests"
    labels = {"method": "GET", "endpoint": "/healthz", "status": "200"}
    for _ in range(4):  # whichever worker answers /metrics, it reports both
        exposition = requests.get(server.url + "/metrics", timeout=30).text
        assert sample(exposition, "penwise_http_requests_total", **labels) == REQUESTS
    return directory


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads worker files via /proc")
def test_two_gunicorn_workers_are_counted_in_one_answer(tmp_path: Path) -> None:
    # Waitress's workers, the default, are tested in tests/test_workers.py.
    server = start_server(
        tmp_path, {"ADDIN_SERVER": "gunicorn", "ADDIN_WORKERS": "2", "ADDIN_THREADS": "4"}
    )
    try:
        directory = counted_in_one_answer(server)
    finally:
        stop_server(server)
    assert not directory.exists(), "the metrics directory outlived the server"
