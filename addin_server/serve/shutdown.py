"""Know the requests a server process is answering, and log those a shutdown drops.

On SIGTERM both serving stacks stop taking requests and give the requests in flight
``GRACE_SECONDS`` to finish; a request still running then is lost with its connection. The
writer sees a dropped connection, so the log says how many were dropped, which (their request
ids, as the request log would have named them) and after how long.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from addin_server.observability.logs import LOG_NAME_KEY

log = logging.getLogger(__name__)
# How long a stopping server waits for the requests in flight (gunicorn's graceful_timeout).
GRACE_SECONDS = 10.0
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class RequestTracker:
    """WSGI middleware that knows the requests from their start until their answer is sent."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._running: dict[int, tuple[dict[str, Any], float]] = {}

    @property
    def in_flight(self) -> int:
        """Requests started and not yet fully answered."""
        with self._lock:
            return len(self._running)

    def running(self) -> list[str]:
        """The requests in flight, named as the request log names them, with their age."""
        now = time.monotonic()
        with self._lock:
            requests = list(self._running.values())
        return [
            f"{environ.get(LOG_NAME_KEY) or environ.get('REQUEST_METHOD', '?')} "
            f"({now - started:.1f} s)"
            for environ, started in requests
        ]

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        key = id(environ)
        with self._lock:
            self._running[key] = (environ, time.monotonic())
        try:
            body = self.app(environ, start_response)
        except BaseException:
            self._forget(key)
            raise
        return _Closing(body, lambda: self._forget(key))

    def _forget(self, key: int) -> None:
        with self._lock:
            self._running.pop(key, None)


class _Closing:
    """A response body that reports when the server closes it (the answer is sent)."""

    def __init__(self, body: Iterable[bytes], on_close: Callable[[], None]) -> None:
        self._body = body
        self._on_close = on_close
        self._closed = False

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._body)

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            close = getattr(self._body, "close", None)
            if close is not None:
                close()
        finally:
            self._on_close()


def log_dropped(requests: list[str], waited: float, unsent: int = 0) -> int:
    """Log the ``requests`` still running (and the ``unsent`` answers not yet written out)
    when the shutdown's grace of ``waited`` seconds ran out; return how many were lost."""
    count = len(requests)
    if count:
        log.warning(
            "shutdown: %d request%s still running after %.0f s %s dropped; %s a closed "
            "connection: %s",
            count,
            "" if count == 1 else "s",
            waited,
            "was" if count == 1 else "were",
            "its client sees" if count == 1 else "their clients see",
            "; ".join(requests),
        )
    if unsent:
        log.warning(
            "shutdown: %d answer%s not yet sent after %.0f s %s cut off (the client read too "
            "slowly)",
            unsent,
            "" if unsent == 1 else "s",
            waited,
            "was" if unsent == 1 else "were",
        )
    return count + unsent
