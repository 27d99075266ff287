"""`serve --https` runs waitress with TLS on every system (issue 30): under a simulated Windows
(tests/windows_sim: no fcntl, no fork, no poll), on both loopbacks, as one add-in whatever
name reached it, and with waitress's resilience kept over TLS."""

from __future__ import annotations

import os
import re
import socket
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.conftest import ROOT, SERVER, LiveServer, RefusedStart, start_server, stop_server
from tests.install.test_https import environment

WINDOWS = {"PYTHONPATH": str(ROOT / "tests" / "windows_sim")}
THREADS = 2


@dataclass
class Served:
    server: LiveServer
    ca: Path
    home: Path

    @property
    def port(self) -> int:
        return int(self.server.url.rsplit(":", 1)[1])

    def get(self, url: str, **kwargs: object) -> requests.Response:
        return requests.get(url, timeout=10, verify=str(self.ca), **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`addin-server certs` and `serve --https` as a Windows reader runs them, on both
    loopbacks, with few threads (to show slow clients hold none)."""
    home = tmp_path_factory.mktemp("windows")
    made = subprocess.run(
        [str(SERVER), "certs"],
        env=environment(home, **WINDOWS),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert made.returncode == 0, made.stderr
    ca = home / "config" / "penwise" / "certs" / "ca.pem"
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), **WINDOWS}
    env["ADDIN_THREADS"] = str(THREADS)
    server = start_server(home, env, https_ca=ca, host="localhost")
    try:
        yield Served(server, ca, home)
    finally:
        stop_server(server)


def test_the_simulation_refuses_what_windows_lacks() -> None:
    probe = "import os, select; print(hasattr(os, 'fork'), hasattr(select, 'poll')); import fcntl"
    result = subprocess.run(
        [sys.executable, "-c", probe],
        env={**os.environ, **WINDOWS},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.stdout.strip() == "False False"
    assert "No module named 'fcntl' (simulated Windows)" in result.stderr
    gunicorn = subprocess.run(
        [sys.executable, "-c", "import gunicorn.app.base"],
        env={**os.environ, **WINDOWS},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert "fcntl" in gunicorn.stderr  # so the old `serve --https`, gunicorn, could not start


def test_https_serves_on_windows_from_one_process(served: Served) -> None:
    assert served.get(served.server.url + "/healthz").json() == {"status": "ok"}
    log = served.server.log()
    assert "one process" in log and f"https://127.0.0.1:{served.port}" in log
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(served.server.url + "/healthz", timeout=10)  # the system's roots only


def test_both_loopbacks_answer_as_the_certificate_promises(served: Served) -> None:
    if f"https://[::1]:{served.port}" not in served.server.log():
        pytest.skip("this machine has no IPv6 loopback")
    assert served.get(f"https://[::1]:{served.port}/healthz").status_code == 200


def test_one_server_gives_one_addin_whatever_name_reached_it(served: Served) -> None:
    ids = set()
    for host in ("localhost", "127.0.0.1"):
        manifest = served.get(f"https://{host}:{served.port}/manifest.xml").text
        assert f"https://{host}:{served.port}/taskpane/" in manifest
        ids.add(re.search(r"<Id>([^<]+)</Id>", manifest).group(1))  # type: ignore[union-attr]
    written = subprocess.run(
        [str(SERVER), "manifest", "office", "--url", f"https://127.0.0.1:{served.port}"],
        env=environment(served.home, **WINDOWS),
        capture_output=True,
        text=True,
        timeout=60,
    )
    ids.add(re.search(r"<Id>([^<]+)</Id>", written.stdout).group(1))  # type: ignore[union-attr]
    assert len(ids) == 1


def test_slow_tls_clients_hold_no_thread(served: Served) -> None:
    # Twice as many connections as threads, each stuck in its handshake: waitress holds
    # them in its event loop, and a writer's request is answered at once.
    stuck = []
    for _ in range(THREADS * 2):
        sock = socket.create_connection(("127.0.0.1", served.port))
        sock.sendall(b"\x16\x03\x01\x02\x00\x01")  # the start of a ClientHello, no more
        stuck.append(sock)
    try:
        started = time.monotonic()
        assert served.get(served.server.url + "/healthz").status_code == 200
        assert time.monotonic() - started < 5
    finally:
        for sock in stuck:
            sock.close()


def test_plain_http_on_the_https_port_is_closed_and_serving_goes_on(served: Served) -> None:
    with socket.create_connection(("127.0.0.1", served.port), timeout=10) as sock:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
        assert b"HTTP/1.1" not in sock.recv(100)  # closed: no plain answer
    context = ssl.create_default_context(cafile=str(served.ca))
    with (
        socket.create_connection(("127.0.0.1", served.port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="localhost") as tls,
    ):
        assert tls.selected_alpn_protocol() in (None, "http/1.1")
    assert served.get(served.server.url + "/healthz").status_code == 200


def test_gunicorn_on_windows_is_refused_with_the_way_out(
    tmp_path: Path, refused_start: RefusedStart
) -> None:
    said = refused_start(environment(tmp_path, ADDIN_SERVER="gunicorn", **WINDOWS))
    assert "needs Linux or macOS" in said and "waitress" in said
