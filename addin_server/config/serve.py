"""The ``serve`` section: how ``addin-server serve`` runs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import setting


@dataclass(frozen=True)
class ServeSettings:
    """How `addin-server serve` runs: the addresses it listens on, its processes and
    threads, how long it waits, and what it logs. Its flags `--host`, `--port`, `--workers`
    and `--threads` override the variables of the same names; `--dev` runs Flask's debug
    server, which reloads on every change, instead of waitress (or gunicorn)."""

    TITLE: ClassVar[str] = "Serving"

    host: str = setting(
        "localhost",
        values.text,
        "Addresses `addin-server serve` listens on, comma-separated (`127.0.0.1,10.0.0.11`); "
        "`localhost` is both loopbacks, 127.0.0.1 and ::1 (where the machine has IPv6), "
        "whatever the hosts file says; `0.0.0.0` is every IPv4 interface.",
    )
    port: int = setting(8765, values.port, "TCP port `addin-server serve` listens on.")
    server: str = setting(
        "waitress",
        values.server,
        "What `addin-server serve` runs: `waitress` (reads whole requests before a thread "
        "takes them, so slow clients cost no thread; HTTP and HTTPS, on Windows too) or "
        "`gunicorn` (worker processes; Linux and macOS; put a buffering proxy such as nginx "
        "in front).",
    )
    workers: int = setting(
        2,
        values.positive_int,
        "Worker processes of `addin-server serve`, waitress or gunicorn (one on Windows, "
        "where waitress cannot fork).",
    )
    threads: int = setting(
        8, values.positive_int, "Threads per process (requests served at once by each)."
    )
    request_timeout: float = setting(
        120.0,
        values.seconds,
        "Seconds before a stuck gunicorn worker is restarted; above `ADDIN_REQUEST_DEADLINE`.",
    )
    client_timeout: float = setting(
        30.0,
        values.seconds,
        "Seconds a connection may send and receive nothing before waitress closes it.",
    )
    max_connections: int = setting(
        500,
        values.connection_limit,
        "Connections each waitress process holds open at once, slow ones included; more wait "
        "to be accepted.",
    )
    log_level: str = setting("INFO", values.log_level, "Log level of the server.")
