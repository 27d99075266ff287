"""HTTPS with waitress (TLS in its event loop, addin_server/serve/waitress_tls.py) against
gunicorn's TLS, which ``serve --https`` ran before issue 30, with plain HTTP on waitress as the
baseline.

Each server is ``addin-server serve --https`` (or plain) with one worker process and the
development certificate of a temporary ``addin-server certs``. Measured from the same run:

- a new connection for every request (a TLS handshake each: a browser opening the pane);
- kept-alive connections, 4 clients at once, ``/v1/check`` on clean prose and on error-dense
  text (the sidebar's way).

Writes its section of BENCHMARKS.md between ``<!-- bench:tls -->`` markers; ``--tiny`` runs a
few requests and writes nothing.
"""

from __future__ import annotations

import http.client
import json
import os
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from live_server import free_port  # noqa: E402
from report import arguments, machine_line, publish  # noqa: E402

MARK = "bench:tls"
ROUNDS = 5
SERVER = ROOT / ".venv" / "bin" / "addin-server"
CLEAN = (
    "The committee met on Tuesday to review the budget for the coming year. After a long "
    "discussion, the members agreed to fund the new library and to delay the road repairs."
)
DENSE = "Their is a error in this sentance, and they was going too the libary yesterday. " * 2
SERVERS = (
    ("waitress, HTTP (baseline)", {"ADDIN_SERVER": "waitress"}, False),
    ("waitress, HTTPS", {"ADDIN_SERVER": "waitress"}, True),
    ("gunicorn, HTTPS (before)", {"ADDIN_SERVER": "gunicorn"}, True),
)


@contextmanager
def serving(home: Path, env: dict[str, str], https: bool) -> Iterator[tuple[str, int]]:
    """The server on a free port; yields its host and port once /readyz answers."""
    port = free_port()
    environ = {key: value for key, value in os.environ.items() if not key.startswith("ADDIN_")}
    environ.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), ADDIN_WORKERS="1")
    environ.update(ADDIN_LOG_LEVEL="WARNING", **env)
    command = [str(SERVER), "serve", "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(
        command + (["--https"] if https else []),
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                status, _ = request(port, https, "GET", "/readyz", None, fresh=True)
                if status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not get ready")
            time.sleep(0.1)
        yield "127.0.0.1", port
    finally:
        process.terminate()
        process.wait(30)


_context: ssl.SSLContext | None = None
_kept = threading.local()


def request(
    port: int, https: bool, method: str, path: str, body: str | None, *, fresh: bool
) -> tuple[int, bytes]:
    """One request, on a new connection or on this thread's kept-alive one."""
    connection: http.client.HTTPConnection | None = None if fresh else _kept.__dict__.get(port)
    if connection is None:
        if https:
            connection = http.client.HTTPSConnection(
                "localhost", port, timeout=60, context=_context
            )
        else:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        if not fresh:
            _kept.__dict__[port] = connection
    headers = {"Content-Type": "application/json"}
    if fresh:
        headers["Connection"] = "close"
    connection.request(method, path, body, headers)
    answer = connection.getresponse()
    data = answer.read()
    if fresh:
        connection.close()
    return answer.status, data


def new_connections(port: int, https: bool, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        status, _ = request(port, https, "GET", "/healthz", None, fresh=True)
        assert status == 200
        times.append(time.perf_counter() - started)
    return times


def kept_alive(port: int, https: bool, text: str, count: int, clients: int = 4) -> tuple:
    body = json.dumps({"text": text})
    times: list[float] = []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(count):
            started = time.perf_counter()
            status, _ = request(port, https, "POST", "/v1/check", body, fresh=False)
            assert status == 200
            with lock:
                times.append(time.perf_counter() - started)

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times, time.perf_counter() - started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def summary(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]


def main() -> None:
    global _context
    args = arguments(__doc__, tiny="a few requests, no writing").parse_args()
    fresh_count, kept_count = (5, 5) if args.tiny else (300, 100)
    rows: list[str] = []
    base: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="penwise-bench-tls-") as name:
        home = Path(name)
        subprocess.run(
            [str(SERVER), "certs"],
            env={**os.environ, "HOME": name, "XDG_CONFIG_HOME": str(home / "config")},
            check=True,
            capture_output=True,
        )
        _context = ssl.create_default_context(
            cafile=str(home / "config" / "penwise" / "certs" / "ca.pem")
        )
        with ExitStack() as stack:
            ports = [stack.enter_context(serving(home, env, https))[1] for _, env, https in SERVERS]
            for (_, _, https), port in zip(SERVERS, ports, strict=True):
                kept_alive(port, https, DENSE, 2)  # warm: caches, connections
            # Interleaved rounds: each server gets its slice of every round, so the load of
            # a shared machine falls on all three alike.
            handshakes: list[list[float]] = [[] for _ in SERVERS]
            results: dict[str, list[tuple[list[float], float]]] = {
                kind: [([], 0.0) for _ in SERVERS] for kind in ("clean", "dense")
            }
            for _ in range(ROUNDS):
                for index, ((_, _, https), port) in enumerate(zip(SERVERS, ports, strict=True)):
                    handshakes[index] += new_connections(port, https, fresh_count // ROUNDS)
                    for kind, text in (("clean", CLEAN), ("dense", DENSE)):
                        times, took = kept_alive(port, https, text, max(kept_count // ROUNDS, 1))
                        before, seconds = results[kind][index]
                        results[kind][index] = (before + times, seconds + took)
        for index, (label, _, _) in enumerate(SERVERS):
            cells = []
            for kind in ("clean", "dense"):
                times, took = results[kind][index]
                p50, p95 = summary(times)
                rate = len(times) / took
                base.setdefault(kind, rate)
                cells.append(f"{rate:.0f}/s ({rate / base[kind]:.2f}×), {ms(p50)} / {ms(p95)}")
            p50, p95 = summary(handshakes[index])
            base.setdefault("new", p50)
            rows.append(
                f"| {label} | {ms(p50)} / {ms(p95)} ({p50 / base['new']:.2f}×) | "
                + " | ".join(cells)
                + " |"
            )
    machine = machine_line()
    lines = [
        "## HTTPS: waitress with TLS against gunicorn's (issue 30)",
        "",
        "`.venv/bin/python bench/bench_tls.py` (in `make bench`). `addin-server serve "
        "--https`, one worker process, the development certificate (ECDSA P-256). "
        f"New connections: {fresh_count} `GET /healthz` one after another, each on a "
        f"connection of its own (a TLS handshake each). Kept alive: 4 clients, "
        f"{kept_count} `POST /v1/check` each, on clean prose ({len(CLEAN)} characters) "
        f"and on error-dense text ({len(DENSE)} characters, 16 issues). " + machine,
        "",
        "| server | new connection p50 / p95 | clean prose, kept alive: rate, p50 / p95 "
        "| error-dense, kept alive: rate, p50 / p95 |",
        "| --- | --- | --- | --- |",
        *rows,
    ]
    publish(lines, MARK, args)


if __name__ == "__main__":
    main()
