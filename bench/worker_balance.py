"""How ``addin-server serve``'s workers share 16 kept-alive clients, and what a worker crash
costs (issue 23, part 4; run by bench_workers.py).

16 client threads each check 300-word texts in a loop on a kept-alive connection, as the
sidebar does; a client whose answer says ``Connection: close``, or whose connection breaks,
opens a new one. Which worker holds each connection is read from /proc (the server side of
each TCP connection, by the client's port). After the workers have lived 30 s (a younger
worker is restarted after a back-off), one is killed with SIGKILL; the windows before, during
(the 5 s after the kill) and after give throughput and each worker's share of the requests,
and the time until the new worker serves a third of them is measured. Linux only.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

from corpus import VariedProse

from tests.processes import connection_owners, workers_of

CLIENTS = 16
LIFE_SECONDS = 32.0  # workers younger than 30 s are restarted after a back-off


@dataclass
class Traffic:
    """Every answered request: when, on which client port; and the port's worker."""

    answered: list[tuple[float, int]] = field(default_factory=list)
    errors: list[float] = field(default_factory=list)
    reconnects: int = 0
    owner: dict[int, int] = field(default_factory=dict)  # client port -> worker pid
    lock: threading.Lock = field(default_factory=threading.Lock)


def _client(url_port: int, texts: VariedProse, traffic: Traffic, stop: threading.Event) -> None:
    connection: http.client.HTTPConnection | None = None
    while not stop.is_set():
        if connection is None:
            connection = http.client.HTTPConnection("127.0.0.1", url_port, timeout=60)
            with traffic.lock:
                traffic.reconnects += 1
        try:
            body = json.dumps({"text": texts()})
            connection.request("POST", "/v1/check", body, {"Content-Type": "application/json"})
            answer = connection.getresponse()
            answer.read()
            local_port = connection.sock.getsockname()[1] if connection.sock else 0
        except (OSError, http.client.HTTPException):
            with traffic.lock:
                traffic.errors.append(time.monotonic())
            connection.close()
            connection = None
            continue
        with traffic.lock:
            if answer.status == 200:
                traffic.answered.append((time.monotonic(), local_port))
            else:
                traffic.errors.append(time.monotonic())
        if answer.will_close:
            connection.close()
            connection = None


def measure_balance(
    url: str, root: int, window: float = 20.0, life: float = LIFE_SECONDS, during: float = 5.0
) -> dict[str, object]:
    """Run the clients, kill a worker once the workers have lived ``life`` seconds; the
    figures of ``window`` seconds before and after."""
    port = int(url.rsplit(":", 1)[1])
    traffic, stop = Traffic(), threading.Event()
    texts = VariedProse(300, seed=31)
    texts()  # the corpus is read on the first call (seconds)
    threads = [
        threading.Thread(target=_client, args=(port, texts, traffic, stop), daemon=True)
        for _ in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()

    def sample() -> None:
        while not stop.is_set():
            found = connection_owners(port, workers_of(root))
            with traffic.lock:
                traffic.owner.update(found)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    time.sleep(max(life - window, 0))
    before_from = time.monotonic()
    time.sleep(window)
    original = sorted(workers_of(root))
    killed = original[0]
    killed_at = time.monotonic()
    os.kill(killed, signal.SIGKILL)
    time.sleep(during + window)
    stop.set()
    for thread in threads:
        thread.join(60)
    sampler.join(5)
    new = [pid for pid in workers_of(root) if pid not in original]
    spans = {
        "before": (before_from, killed_at),
        f"during ({during:.0f} s after the kill)": (killed_at, killed_at + during),
        "after": (killed_at + during, killed_at + during + window),
    }
    return _figures(traffic, spans, killed, new[0] if new else 0)


def _figures(
    traffic: Traffic, spans: dict[str, tuple[float, float]], dead: int, new: int
) -> dict[str, object]:
    rows = {}
    for name, (start, end) in spans.items():
        done = [port for when, port in traffic.answered if start <= when < end]
        shares = Counter(traffic.owner.get(port, 0) for port in done)
        errors = sum(start <= when < end for when in traffic.errors)
        rows[name] = {
            "req/s": len(done) / (end - start),
            "shares": {
                _name(pid, dead, new): count / max(len(done), 1) for pid, count in shares.items()
            },
            "errors": errors,
        }
    takes_share = None
    killed, end = spans["before"][1], spans["after"][1]
    second = killed
    while second < end:
        done = [p for when, p in traffic.answered if second <= when < second + 1]
        if done and sum(traffic.owner.get(p) == new for p in done) >= len(done) / 3:
            takes_share = second - killed
            break
        second += 0.5
    return {
        "rows": rows,
        "new worker serves a third after": takes_share,
        "reconnects": traffic.reconnects,
    }


def _name(pid: int, dead: int, new: int) -> str:
    if pid == dead:
        return "killed worker"
    if pid == new:
        return "new worker"
    return "other worker" if pid else "unknown"
