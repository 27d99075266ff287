"""Bare apps with the access control and the limits installed (cheap: no engines), and a
real ``redis-server`` on a loopback port for the tests that share state."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
from flask import Flask, Response, jsonify, stream_with_context

from addin_server.config import Settings
from addin_server.errors import register_error_handlers
from addin_server.limits import install_limits
from addin_server.security import install_access_control
from tests.conftest import free_port, shared_state
from tests.system_tools import REDIS_SERVER

KEY_A = "key-a-0123456789abcdef"
KEY_B = "key-b-0123456789abcdef"
KEY_C = "key-c-0123456789abcdef"


def bare_app(**overrides: Any) -> tuple[Flask, threading.Event]:
    """An app with stand-in routes; ``/v1/slow`` and ``/v1/stream`` wait for the event."""
    settings = Settings.load({}, overrides)
    app = Flask(__name__)
    install_access_control(app, settings.access)
    install_limits(app, settings.limits, shared_state(settings.state.redis_url))
    register_error_handlers(app)
    release = threading.Event()

    @app.get("/v1/echo")
    @app.post("/v2/check")
    def echo() -> Response:
        return jsonify({"ok": True})

    @app.get("/v1/slow")
    def slow() -> Response:
        release.wait(10)
        return jsonify({"ok": True})

    @app.get("/v1/stream")
    def stream() -> Response:
        def events() -> Iterator[str]:
            yield "event: delta\n\n"
            release.wait(10)
            yield "event: done\n\n"

        return Response(stream_with_context(events()), mimetype="text/event-stream")

    @app.get("/healthz")
    @app.get("/v2/healthcheck")
    @app.get("/taskpane/index.html")
    @app.get("/metrics")
    def open_route() -> Response:
        return jsonify({"status": "ok"})

    return app, release


@dataclass
class RedisServer:
    """A throwaway ``redis-server`` on a loopback port, without persistence."""

    url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        """Stop it (as an outage would)."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)


def start_redis(tmp_dir: Path, port: int | None = None) -> RedisServer:
    """Start ``redis-server`` on ``port`` (a free one by default), without persistence;
    skip the test when it is not installed."""
    binary = REDIS_SERVER.require()
    port = port or free_port()
    options = f"--port {port} --bind 127.0.0.1 --appendonly no --dir {tmp_dir}".split()
    process = subprocess.Popen(
        [binary, *options, "--save", ""],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    server = RedisServer(f"redis://127.0.0.1:{port}/0", process)
    client = redis.Redis.from_url(server.url, socket_timeout=0.5)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if client.ping():
                return server
        except redis.RedisError:
            time.sleep(0.05)
    server.stop()
    raise RuntimeError("redis-server did not answer within 10 s")


@pytest.fixture()
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A fresh Redis for one test."""
    server = start_redis(tmp_path)
    yield server
    server.stop()
