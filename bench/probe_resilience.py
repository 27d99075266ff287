"""Probe: the ways issue 23 found to take ``addin-server serve`` down or lose requests, rerun.

Run with the default settings, as a new user would (``ADDIN_WORKERS=2``), on loopback:

1. ``trickle``: a model endpoint that sends its answer one byte per second
   (tests/trickling_endpoint.py); 8 rewrites at once against it while local ``/v1/check``,
   ``/v2/check``, default (``auto``) checks, ``/healthz`` and ``/readyz`` are asked every
   half second; then one rewrite against an endpoint that stalls after 10 bytes.
2. ``sigterm``: 6 clients on kept-alive connections check in a loop; SIGTERM at 4 s. Counts
   requests answered after the signal, answers that said ``Connection: close``, requests
   reset (sent on an open connection, no answer), and how long the server took to exit.
   Then 8 checks of 20,000 words and SIGTERM after 0.5 s: what clients lost against what
   the log says.
3. ``refuse``: over a raw socket, Content-Length with chunked, headers ending in a bare LF,
   and a Content-Length larger than the body (``ADDIN_CLIENT_TIMEOUT=5``).

The worker balance is measured by bench/bench_workers.py. Prints its figures; writes nothing.

    .venv/bin/python bench/probe_resilience.py [trickle] [sigterm] [refuse] [--timeout 30]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from corpus import VariedProse  # noqa: E402
from live_server import free_port  # noqa: E402

from tests.trickling_endpoint import TricklingEndpoint  # noqa: E402

TEXT = "Their is a error in this sentence."


class Server:
    """``addin-server serve`` with the defaults and ``env``; its log kept in a file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        environ = {k: v for k, v in os.environ.items() if not k.startswith("ADDIN_")}
        environ.update({"ADDIN_PORT": str(self.port), **env})
        self.log_path = log
        with log.open("wb") as out:
            self.process = subprocess.Popen(
                [str(ROOT / ".venv" / "bin" / "addin-server"), "serve"],
                env=environ,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 90
        while call(self.port, "GET", "/readyz", timeout=2)[0] != 200:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(self.log())
            time.sleep(0.1)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def call(
    port: int, method: str, path: str, body: Any = None, form: bool = False, timeout: float = 60
) -> tuple[int, float, Any]:
    """One request on a new connection: status (0: no answer), seconds, JSON answer."""
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        if form:
            data = "&".join(f"{k}={v}" for k, v in body.items())
            kind = "application/x-www-form-urlencoded"
        else:
            data, kind = (json.dumps(body) if body is not None else None), "application/json"
        connection.request(method, path, data, {"Content-Type": kind} if data else {})
        answer = connection.getresponse()
        raw = answer.read()
        try:
            parsed = json.loads(raw)
        except ValueError:
            parsed = raw
        return answer.status, time.monotonic() - started, parsed
    except OSError:
        return 0, time.monotonic() - started, None
    finally:
        connection.close()


def trickle(timeout: float, tmp: Path) -> None:
    endpoint = TricklingEndpoint(interval=1.0)
    env = {"ADDIN_LLM_BASE_URL": endpoint.url, "ADDIN_LLM_MODEL": "test-model"}
    if timeout != 30:
        env["ADDIN_LLM_TIMEOUT"] = str(timeout)
    server = Server(env, tmp / "trickle.log")
    wait = timeout * 4 + 20
    try:
        with ThreadPoolExecutor(8) as pool:
            rewrites = [
                pool.submit(call, server.port, "POST", "/v1/rewrite", {"text": TEXT}, timeout=wait)
                for _ in range(8)
            ]
            asked: list[tuple[str, Any]] = []
            readiness: Counter[str] = Counter()
            kinds = {
                "local /v1/check": ("/v1/check", {"text": TEXT, "engine": "local"}, False),
                "/v2/check": ("/v2/check", {"text": TEXT, "language": "en-US"}, True),
                "default /v1/check": ("/v1/check", {"text": TEXT}, False),
                "/healthz": ("/healthz", None, False),
            }
            with ThreadPoolExecutor(64) as askers:
                while not all(r.done() for r in rewrites):
                    for name, (path, body, form) in kinds.items():
                        method = "GET" if body is None else "POST"
                        asked.append(
                            (name, askers.submit(call, server.port, method, path, body, form, 20))
                        )
                    status, _, ready = call(server.port, "GET", "/readyz", timeout=5)
                    llm = ready["checks"].get("llm", "?") if status == 200 else str(status)
                    readiness[llm] += 1
                    time.sleep(0.5)
            for _ in range(3):  # and once they have ended
                status, _, ready = call(server.port, "GET", "/readyz", timeout=5)
                readiness[
                    "after: " + (ready["checks"]["llm"] if status == 200 else str(status))
                ] += 1
                time.sleep(0.5)
            seen: dict[str, list[tuple[int, float]]] = {}
            for name, future in asked:
                status, seconds, _ = future.result()
                seen.setdefault(name, []).append((status, seconds))
        print(f"trickling model, ADDIN_LLM_TIMEOUT={timeout:g}: 8 rewrites")
        for future in rewrites:
            status, seconds, answer = future.result()
            codes = [w["code"] for w in answer.get("warnings", [])] if status == 200 else []
            degraded = answer.get("degraded") if status == 200 else None
            print(f"  {status} in {seconds:.1f} s degraded={degraded} warnings={codes}")
        for name, results in seen.items():
            statuses = Counter(status for status, _ in results)
            slowest = max(seconds for _, seconds in results)
            print(f"  {name}: {dict(statuses)}, slowest {slowest:.2f} s")
        print(f"  /readyz llm: {dict(readiness)}")
    finally:
        server.stop()
        endpoint.stop()
    stalled = TricklingEndpoint(interval=0.05, stall_after=10)
    env = {"ADDIN_LLM_BASE_URL": stalled.url, "ADDIN_LLM_MODEL": "test-model"}
    if timeout != 30:
        env["ADDIN_LLM_TIMEOUT"] = str(timeout)
    server = Server(env, tmp / "stall.log")
    try:
        status, seconds, answer = call(
            server.port, "POST", "/v1/rewrite", {"text": TEXT}, timeout=wait
        )
        print(f"stall after the headers: {status} in {seconds:.1f} s, {len(stalled.calls)} calls")
        if status == 200:
            codes = [w["code"] for w in answer["warnings"]]
            print(f"  incomplete={answer['incomplete']} degraded={answer['degraded']} {codes}")
        print("  log:", [line for line in server.log().splitlines() if "deadline" in line][:2])
    finally:
        server.stop()
        stalled.stop()


def sigterm(tmp: Path) -> None:
    server = Server({}, tmp / "sigterm.log")
    outcomes: Counter[str] = Counter()
    signalled: list[float] = []
    stop = threading.Event()

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        while not stop.is_set():
            if connection.sock is None:
                try:
                    connection.connect()
                except OSError:
                    outcomes["refused (new connection)"] += 1
                    time.sleep(0.05)
                    continue
            sent = time.monotonic()
            try:
                connection.request(
                    "POST",
                    "/v1/check",
                    json.dumps({"text": TEXT}),
                    {"Content-Type": "application/json"},
                )
                answer = connection.getresponse()
                answer.read()
            except (OSError, http.client.HTTPException):
                outcomes["reset (no answer on an open connection)"] += 1
                connection.close()
                continue
            after = bool(signalled) and sent > signalled[0]
            outcomes["answered after SIGTERM" if after else "answered before"] += 1
            if after and (answer.getheader("Connection") or "").lower() == "close":
                outcomes["answers saying Connection: close"] += 1
            if answer.will_close:
                connection.close()

    threads = [threading.Thread(target=client) for _ in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(4)
    signalled.append(time.monotonic())
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(60)
    exited = time.monotonic() - signalled[0]
    time.sleep(0.5)
    stop.set()
    for thread in threads:
        thread.join()
    print(f"SIGTERM under keep-alive (6 clients): exited {exited:.2f} s after the signal")
    for name, count in sorted(outcomes.items()):
        print(f"  {name}: {count}")
    _long_checks(tmp)


def _long_checks(tmp: Path) -> None:
    server = Server({}, tmp / "long.log")
    text = VariedProse(20_000, seed=5)()
    results: list[tuple[int, float]] = []

    def check() -> None:
        status, seconds, _ = call(server.port, "POST", "/v1/check", {"text": text}, timeout=60)
        results.append((status, seconds))

    threads = [threading.Thread(target=check) for _ in range(8)]
    for thread in threads:
        thread.start()
    time.sleep(0.5)
    signalled = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    server.process.wait(60)
    exited = time.monotonic() - signalled
    for thread in threads:
        thread.join()
    lost = sum(status == 0 for status, _ in results)
    log = server.log().splitlines()
    print(f"8 checks of 20,000 words, SIGTERM at 0.5 s: exited after {exited:.1f} s")
    print(f"  clients: {len(results) - lost} answered, {lost} saw a closed connection")
    print(f"  access lines: {sum('POST /v1/check' in line for line in log)}")
    for line in log:
        if "shutdown" in line or "draining" in line or "stopping" in line or "dropped" in line:
            print("  log:", line.split(": ", 1)[-1][:160])


def refuse(tmp: Path) -> None:
    server = Server({"ADDIN_CLIENT_TIMEOUT": "5"}, tmp / "refuse.log")
    try:
        body = b'{"text": "Their is a error."}'
        chunked = f"{len(body):x}\r\n".encode() + body + b"\r\n0\r\n\r\n"
        smuggled = (
            b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunked
            + b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        answers, closed, _ = _raw(server.port, smuggled, 5)
        print(f"CL+TE: statuses {answers}, connection closed: {closed}")
        bare = b"GET /healthz HTTP/1.1\nHost: x\n\n"
        answers, closed, seconds = _raw(server.port, bare, 40)
        print(f"bare LF: statuses {answers} in {seconds:.2f} s, closed: {closed}")
        short = (
            b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b'Content-Length: 100\r\n\r\n{"text": '
        )
        answers, closed, seconds = _raw(server.port, short, 60)
        print(
            f"Content-Length > body (ADDIN_CLIENT_TIMEOUT=5): closed={closed} after {seconds:.1f} s"
        )
    finally:
        server.stop()


def _raw(port: int, data: bytes, wait: float) -> tuple[list[int], bool, float]:
    """Send ``data``; the statuses read, whether the server closed, and when it did."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port)) as sock:
        sock.sendall(data)
        sock.settimeout(0.5)
        received = b""
        closed = False
        while time.monotonic() - started < wait:
            try:
                piece = sock.recv(65536)
            except TimeoutError:
                continue
            except ConnectionResetError:
                closed = True
                break
            if not piece:
                closed = True
                break
            received += piece
    statuses = [int(status) for status in re.findall(rb"HTTP/1\.[01] (\d{3}) ", received)]
    return statuses, closed, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("probes", nargs="*", default=["trickle", "sigterm", "refuse"])
    parser.add_argument("--timeout", type=float, default=30.0, help="ADDIN_LLM_TIMEOUT")
    args = parser.parse_args()
    tmp = Path(os.environ.get("TMPDIR", "/tmp")) / f"probe-{os.getpid()}"
    tmp.mkdir(parents=True, exist_ok=True)
    print(f"load average: {os.getloadavg()[0]:.2f}")
    for name in args.probes:
        if name == "trickle":
            trickle(args.timeout, tmp)
        elif name == "sigterm":
            sigterm(tmp)
        elif name == "refuse":
            refuse(tmp)


if __name__ == "__main__":
    main()
