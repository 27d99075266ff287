"""Count the requests a server process is answering, and log those a shutdown drops.

On SIGTERM both serving stacks stop accepting connections and give the requests in flight
``GRACE_SECONDS`` to finish; a request still running then is lost with its connection. The
writer sees a dropped connection, so the log says how many were dropped, and when.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any

log = logging.getLogger(__name__)
# How long a stopping server waits for the requests in flight (gunicorn's graceful_timeout).
GRACE_SECONDS = 10.0
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class RequestTracker:
    """WSGI middleware that counts requests from their start until their answer is sent."""

    def __init__(self, app: WsgiApp) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._count = 0

    @property
    def in_flight(self) -> int:
        """Requests started and not yet fully answered."""
        with self._lock:
            return self._count

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        self._change(1)
        try:
            body = self.app(environ, start_response)
        except BaseException:
            self._change(-1)
            raise
        return _Closing(body, lambda: self._change(-1))

    def _change(self, step: int) -> None:
        with self._lock:
            self._count += step


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


def log_dropped(count: int, waited: float) -> None:
    """Log that ``count`` requests were still running when the shutdown's grace ran out."""
    if count:
        log.warning(
            "shutdown: %d request%s still running after %.0f s %s dropped; their clients see "
            "a closed connection",
            count,
            "" if count == 1 else "s",
            waited,
            "was" if count == 1 else "were",
        )
