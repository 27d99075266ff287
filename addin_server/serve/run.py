"""``addin-server serve`` with waitress: forked workers where the system can fork (Linux and
macOS, :mod:`addin_server.serve.prefork`), one process with ``ADDIN_THREADS`` threads elsewhere
(Windows, :mod:`addin_server.serve.waitress_server`)."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from addin_server.config import Settings
from addin_server.serve.prefork import run_workers
from addin_server.serve.waitress_server import build_app, finish_warm_up, listening_sockets, serve

log = logging.getLogger(__name__)


def run_waitress(settings: Settings, started: float | None = None) -> int:
    """Serve until SIGTERM or SIGINT, then let the requests in flight finish; return 0.

    ``started`` is a ``time.monotonic()`` near the process start, for the "ready in" line
    (logged once the engines are warm) where the system cannot say when the process started.
    """
    age = _process_age()
    if age is not None:
        started = time.monotonic() - age
    elif started is None:
        started = time.monotonic()
    if hasattr(os, "fork"):
        return run_workers(settings, started)
    tracker = build_app(settings)  # logging is configured from here on
    serving = settings.serve
    if serving.workers > 1:
        log.info(
            "this system has no fork() (Windows): waitress serves from one process with %d "
            "threads (ADDIN_WORKERS=%d does not apply)",
            serving.threads,
            serving.workers,
        )
    socks = listening_sockets(serving.host, serving.port)
    finish_warm_up(
        tracker,
        then=lambda: log.info(
            "ready in %.1f s: one process, %d threads", time.monotonic() - started, serving.threads
        ),
    )
    return serve(tracker, socks, settings)


def _process_age() -> float | None:
    """Seconds since this process started (Linux; ``None`` elsewhere)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22: start time
    except (OSError, ValueError, IndexError, AttributeError):  # no /proc, no os.sysconf
        return None
