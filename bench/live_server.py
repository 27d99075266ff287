"""``addin-server serve`` for the benchmarks: start it, and talk to it as a writer's client does.

Every client thread keeps one connection per server alive, as the sidebar's browser and most
LanguageTool clients do: a re-check then reaches the worker process that holds the cache,
and no figure pays for a TCP handshake.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
READY_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def served_process(env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """``addin-server serve`` with its defaults (no ``ADDIN_*`` of this shell) and ``env``, on
    a free port; yields its base URL and pid once ``/readyz`` answers 200 (the workers warm)."""
    port = free_port()
    environ = {key: value for key, value in os.environ.items() if not key.startswith("ADDIN_")}
    environ.update({"ADDIN_PORT": str(port), "ADDIN_LOG_LEVEL": "WARNING", **(env or {})})
    process = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "addin-server"), "serve"],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + READY_SECONDS
        while True:
            try:
                with urllib.request.urlopen(url + "/readyz", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the server was not ready in {READY_SECONDS} s") from None
                time.sleep(0.05)
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def served(env: dict[str, str] | None = None) -> Iterator[str]:
    """As :func:`served_process`; yields the base URL only."""
    with served_process(env) as (url, _):
        yield url


_connections = threading.local()


def send(url: str, path: str, body: str, content_type: str) -> dict[str, Any]:
    """POST ``body`` to ``url + path`` on this thread's kept-alive connection; the answer's
    JSON. An error status raises ``OSError``."""
    host = urllib.parse.urlsplit(url).netloc
    kept: dict[str, http.client.HTTPConnection] = _connections.__dict__.setdefault("by_host", {})
    for attempt in (1, 2):  # the server may have closed an idle connection
        connection = kept.get(host)
        if connection is None:
            connection = kept[host] = http.client.HTTPConnection(host, timeout=120)
        try:
            connection.request("POST", path, body, {"Content-Type": content_type})
            answer = connection.getresponse()
            data = answer.read()
        except (http.client.HTTPException, OSError):
            connection.close()
            del kept[host]
            if attempt == 2:
                raise
            continue
        if answer.status >= 400:
            raise OSError(f"{path} answered {answer.status}")
        return json.loads(data)
    raise AssertionError("unreachable")


def post_on_new_connection(
    url: str, body: dict[str, Any], path: str = "/v1/check"
) -> dict[str, Any]:
    """POST ``body`` as JSON on a connection of its own, closed after the answer (the kernel
    hands it to any worker, as a browser's or a proxy's other connections are)."""
    host = urllib.parse.urlsplit(url).netloc
    connection = http.client.HTTPConnection(host, timeout=120)
    try:
        headers = {"Content-Type": "application/json", "Connection": "close"}
        connection.request("POST", path, json.dumps(body), headers)
        answer = connection.getresponse()
        data = answer.read()
    finally:
        connection.close()
    if answer.status >= 400:
        raise OSError(f"{path} answered {answer.status}")
    return json.loads(data)


def post(url: str, body: dict[str, Any], path: str = "/v1/check") -> dict[str, Any]:
    """POST ``body`` as JSON (the sidebar's way)."""
    return send(url, path, json.dumps(body), "application/json")


def post_form(url: str, fields: dict[str, str], path: str = "/v2/check") -> dict[str, Any]:
    """POST ``fields`` form-encoded (LanguageTool clients' way)."""
    return send(url, path, urllib.parse.urlencode(fields), "application/x-www-form-urlencoded")
