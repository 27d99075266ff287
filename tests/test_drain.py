"""A rolling restart under keep-alive load (issue 23, part 2): after SIGTERM no request is
reset, every connection is told to close, none takes more than one more request, the drain
starts at once and the server exits as soon as the last answer is out.

The real ``addin-server serve`` with its default two workers, on loopback.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import LiveServer, start_server, stop_server

ROOT = Path(__file__).resolve().parent
PROSE = (ROOT / "data" / "clean_prose" / "gettysburg_address.txt").read_text(encoding="utf-8")
CLIENTS = 6


@dataclass
class Client:
    """One writer's client on one kept-alive connection at a time, checking in a loop."""

    port: int
    signalled: list[float]
    resets: int = 0
    # (connection number, when the answer came, whether it said Connection: close)
    answers: list[tuple[int, float, bool]] = field(default_factory=list)

    def run(self) -> None:
        connection, number = None, 0
        body = json.dumps({"text": PROSE})
        while True:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                try:
                    connection.connect()
                except OSError:  # the server has stopped: a new connection is refused
                    return
                number += 1
            try:
                connection.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
                answer = connection.getresponse()
                answer.read()
            except (OSError, http.client.HTTPException):
                self.resets += 1  # sent on an open connection, no answer
                connection.close()
                connection = None
                continue
            closing = (answer.getheader("Connection") or "").lower() == "close"
            self.answers.append((number, time.monotonic(), closing))
            if answer.will_close:
                connection.close()
                connection = None

    def after_signal(self) -> dict[int, list[bool]]:
        """For each connection, whether each answer after the signal said close."""
        by_connection: dict[int, list[bool]] = {}
        for number, when, closing in self.answers:
            if when > self.signalled[0]:
                by_connection.setdefault(number, []).append(closing)
        return by_connection


def test_sigterm_under_keep_alive_resets_nothing_and_exits_with_the_last_answer(
    tmp_path: Path,
) -> None:
    server = start_server(tmp_path, {"ADDIN_WORKERS": "2"})
    signalled: list[float] = []
    clients = [Client(port(server), signalled) for _ in range(CLIENTS)]
    threads = [threading.Thread(target=client.run, daemon=True) for client in clients]
    try:
        for thread in threads:
            thread.start()
        started = time.monotonic()
        while not all(len(client.answers) >= 5 for client in clients):  # all of them busy
            assert time.monotonic() - started < 30, "the clients were not answered"
            time.sleep(0.1)
        signalled.append(time.monotonic())
        server.process.send_signal(signal.SIGTERM)  # the parent, as systemd would
        assert server.process.wait(20) == 0
        exited = time.monotonic()
        for thread in threads:
            thread.join(10)
    finally:
        stop_server(server)
    assert sum(client.resets for client in clients) == 0
    last_answer = max(when for client in clients for _, when, _ in client.answers)
    # Before: it waited out the graceful timeout (30 s) with nothing left to answer.
    assert exited - last_answer < 5.0, "the server outlived its last answer"
    for client in clients:
        for closings in client.after_signal().values():
            # Each connection's last answer says close, and none follows it. The signal
            # reaches the workers through the parent, so on a busy machine a few answers may
            # leave before a worker hears it; before, connections kept being answered until
            # the grace ran out, then were reset.
            assert closings[-1] and not any(closings[:-1]) and len(closings) <= 5, closings
    assert "draining" in server.log() and "dropped" not in server.log()


def test_the_drain_starts_at_once_while_the_worker_lints(tmp_path: Path) -> None:
    server = start_server(tmp_path, {"ADDIN_WORKERS": "1"})
    long_text = one_long_paragraph()

    def check() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port(server), timeout=60)
        with contextlib.suppress(OSError, http.client.HTTPException):
            body = json.dumps({"text": long_text})
            connection.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
            connection.getresponse().read()

    threads = [threading.Thread(target=check, daemon=True) for _ in range(2)]
    try:
        for thread in threads:
            thread.start()
        time.sleep(1.5)  # both lint threads, the worker's main thread one of them, lint now
        signalled = time.monotonic()
        os.kill(server.process.pid, signal.SIGTERM)
        while _accepts(port(server)):
            assert time.monotonic() - signalled < 10
            time.sleep(0.02)
        refused_after = time.monotonic() - signalled
    finally:
        os.killpg(server.process.pid, signal.SIGKILL)  # the checks need not finish
        server.process.wait(10)
    # Before, the drain began once the main thread's lint was over (Python runs a signal
    # handler between two bytecodes of the main thread): seconds later.
    assert refused_after < 1.0, f"new connections were taken for {refused_after:.2f} s"


def one_long_paragraph(chars: int = 19_000) -> str:
    """One paragraph (one lint) of shuffled words with a made-up one now and then, which
    Harper takes seconds over (it looks for spelling suggestions for each)."""
    rng = random.Random(23)
    words = PROSE.split()
    chosen: list[str] = []
    while sum(len(word) + 1 for word in chosen) < chars:
        if rng.random() < 0.02:
            chosen.append(
                "".join(rng.choice("bdfgklmnprstvz") + rng.choice("aeiou") for _ in range(4))
            )
        else:
            chosen.append(rng.choice(words))
    return " ".join(chosen)


def port(server: LiveServer) -> int:
    return int(server.url.rsplit(":", 1)[1])


def _accepts(port_number: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port_number), timeout=1):
            return True
    except OSError:
        return False
