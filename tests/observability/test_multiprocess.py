"""Under gunicorn with two workers, one /metrics answer counts the requests of both."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

from tests.conftest import start_server, stop_server
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


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="reads worker files via /proc")
def test_two_workers_are_counted_in_one_answer(tmp_path: Path) -> None:
    # Gunicorn's worker processes (waitress, the default, serves from one process).
    server = start_server(
        tmp_path, {"ADDIN_SERVER": "gunicorn", "ADDIN_WORKERS": "2", "ADDIN_THREADS": "4"}
    )
    try:
        # New connections from several threads at once: both workers accept some.
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
    finally:
        stop_server(server)
    assert not directory.exists(), "the metrics directory outlived the server"
