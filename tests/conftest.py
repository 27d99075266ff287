"""Fixtures: the app and its test client, and the real server on a loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import weakref
from collections.abc import Callable, Generator, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import settings

from addin_server import create_app
from addin_server.store.folder import StateFolder
from addin_server.store.shared_state import SharedState
from tests.model_server import ModelServer
from tests.speed import StartsAProcess, leaves_slow_out, mark_slow, no_processes
from tests.system_tools import MissingTool

# The same examples on every run (HYPOTHESIS_PROFILE=explore draws new ones): a suite that
# passes on one machine passes on CI, and a new counterexample is found on purpose, then
# kept as an @example where it proves a fix.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
SERVER = Path(sys.executable).with_name("addin-server")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the slow tests, which ``make test-fast`` leaves out (tests/speed.py says which)."""
    mark_slow(items)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, None, None]:
    """In a run without the slow tests, skip a test whose fixtures start a process."""
    with no_processes() if leaves_slow_out(item.config) else nullcontext():
        return (yield)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    """In a run without the slow tests, skip a test that starts a process."""
    with no_processes() if leaves_slow_out(item.config) else nullcontext():
        return (yield)


# Skips said once for all the tests they skip, with the number of tests, at these places.
_FOLDED: dict[type[BaseException], str] = {
    MissingTool: "tests/system_tools.py",
    StartsAProcess: "tests/speed.py",
}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Give every skip for a missing system tool (or, in ``make test-fast``, a process) one
    location, so the summary says it once rather than once per browser or Redis test."""
    report = yield
    if call.excinfo and report.skipped:
        for kind, where in _FOLDED.items():
            if call.excinfo.errisinstance(kind):
                report.longrepr = (where, 1, str(call.excinfo.value))
    return report


@pytest.fixture(scope="session")
def app() -> Flask:
    """One app for the session: engines are costly to build and hold no request state."""
    application = create_app({"max_text_chars": 1_000_000}, environ={}, warm_up=False)
    application.extensions["penwise"].warm_up(background=False)
    return application


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    """A test client of the shared app."""
    return app.test_client()


_OPEN_STATES: list[SharedState] = []


def shared_state(url: str = "") -> SharedState:
    """A :class:`SharedState` (Redis at ``url``, if any) in a state folder of its own, removed
    once the state is gone; its Redis watcher stops when the test ends."""
    folder = StateFolder()
    state = SharedState(url, folder.path)
    weakref.finalize(state, folder.close)
    _OPEN_STATES.append(state)
    return state


@pytest.fixture(autouse=True)
def _close_shared_states() -> Iterator[None]:
    """Stop the watchers of the tests' shared states: one left pinging a Redis that a test
    stopped would log an outage into the next test."""
    yield
    while _OPEN_STATES:
        _OPEN_STATES.pop().close()


RefusedStart = Callable[[dict[str, str]], str]


@pytest.fixture(scope="session")
def refused_start() -> RefusedStart:
    """Run ``addin-server serve`` with an environment (``PATH`` added unless it has one) and
    assert that it refuses to start as a bad setting should: exit status 2 and no traceback.
    Gives what it wrote to stderr, which must name what to fix."""

    def run(environ: dict[str, str]) -> str:
        result = subprocess.run(
            [str(SERVER), "serve", "--port", "1"],
            env={"PATH": "/usr/bin:/bin", **environ},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 2, result.stderr[-2000:]
        assert "Traceback" not in result.stderr
        return result.stderr

    return run


def run_pytest(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """Run pytest on ``args`` in a child process from the checkout: its exit code and output."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LiveServer:
    """A running ``addin-server serve`` process."""

    url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        """Everything the server wrote to stdout and stderr so far."""
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_server(
    tmp_dir: Path,
    env: dict[str, str] | None = None,
    *,
    https_ca: Path | None = None,
    host: str = "127.0.0.1",
) -> LiveServer:
    """Start the real server on a free port of ``host`` and wait until /readyz answers 200.

    With ``https_ca`` it serves ``--https`` and is reached through that CA alone.
    """
    port = free_port()
    log_path = tmp_dir / f"server-{port}.log"
    environment = {key: value for key, value in os.environ.items() if not key.startswith("ADDIN_")}
    environment.update({"ADDIN_WORKERS": "1", "ADDIN_THREADS": "4", **(env or {})})
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [str(SERVER), "serve", "--host", host, "--port", str(port)]
            + (["--https"] if https_ca else []),
            stdout=log_file,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,
        )
    url = f"https://localhost:{port}" if https_ca else f"http://127.0.0.1:{port}"
    server = LiveServer(url, process, log_path)
    verify: str | bool = str(https_ca) if https_ca else True
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}:\n{server.log()}")
        try:
            if requests.get(server.url + "/readyz", timeout=1, verify=verify).status_code == 200:
                return server
        except requests.exceptions.SSLError:
            stop_server(server)
            raise
        except requests.RequestException:  # not listening yet, or busy starting
            pass
        time.sleep(0.2)
    stop_server(server)
    raise RuntimeError(f"server not ready within 60 s:\n{server.log()}")


def stop_server(server: LiveServer) -> None:
    """Stop the server and its workers."""
    if server.process.poll() is None:
        os.killpg(server.process.pid, 15)
        try:
            server.process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(server.process.pid, 9)
            server.process.wait(5)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The real ``addin-server serve`` on a free loopback port, for the whole session."""
    server = start_server(tmp_path_factory.mktemp("live"))
    yield server
    stop_server(server)


@pytest.fixture(scope="session")
def model_server() -> Iterator[ModelServer]:
    """The scriptable OpenAI-compatible server on loopback, one for the session."""
    server = ModelServer().start()
    yield server
    server.stop()


@pytest.fixture()
def model(model_server: ModelServer) -> Iterator[ModelServer]:
    """The model server, reset to a well-behaved editor for this test."""
    model_server.reset()
    yield model_server
    model_server.reset()
