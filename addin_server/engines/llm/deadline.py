"""One deadline for each model call: connecting, the headers and the whole body, streamed or
not, end by ``ADDIN_LLM_TIMEOUT`` after the call starts, or by the request's own deadline
(:data:`~addin_server.engines.fanout.DEADLINE`) if that comes first (issue 23, part 1).

The HTTP client's timeouts are per operation: ``read`` bounds each wait for bytes, so an
endpoint that sent its answer one byte a second was never cut off (no answer after 110 s),
and one that stalled after its headers cost a timeout per try, retried twice (91 s). Here the
call's deadline is kept in a context variable while the call runs (:func:`within`), and a
network backend gives every connect, read and write of the call only what remains of it
(:class:`DeadlineBackend`): an operation that would start after the deadline times out at
once, and one under way waits no longer than the deadline. The transport
(:mod:`addin_server.engines.llm.client`) makes such a timeout final: it is not retried.

The calls run on the thread that made them (the HTTP client is synchronous), so the context
variable reaches every read of the call, a stream's included as long as it is read inside
:func:`within`; a pooled connection reads the deadline of whichever call uses it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import httpcore2

from addin_server.engines.fanout import DEADLINE

# When the current model call must be over: a time.monotonic() value, or None (no call).
CALL_DEADLINE: ContextVar[float | None] = ContextVar("penwise_call_deadline", default=None)


@contextmanager
def within(seconds: float) -> Iterator[float]:
    """Run a model call that must end ``seconds`` from now, or by the request's deadline if
    that is sooner; yield the deadline (a ``time.monotonic()`` value)."""
    deadline = time.monotonic() + seconds
    request = DEADLINE.get()
    if request is not None:
        deadline = min(deadline, request)
    previous = CALL_DEADLINE.get()
    CALL_DEADLINE.set(deadline)
    try:
        yield deadline
    finally:
        # Not a token reset: a stream may be closed from a copy of this context.
        CALL_DEADLINE.set(previous)


def request_remaining() -> float | None:
    """Seconds left to the current request (``None``: it has no deadline)."""
    request = DEADLINE.get()
    return None if request is None else request - time.monotonic()


def remaining() -> float | None:
    """Seconds left to the current call (``None`` outside a call; may be negative)."""
    deadline = CALL_DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def _cut(timeout: float | None, expired: type[Exception]) -> float | None:
    """``timeout`` cut to what remains of the call; ``expired`` raised when nothing does."""
    left = remaining()
    if left is None:
        return timeout
    if left <= 0:
        raise expired("the model call's deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore2.NetworkStream):
    """A connection whose every operation ends by the current call's deadline."""

    def __init__(self, stream: httpcore2.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _cut(timeout, httpcore2.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _cut(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore2.NetworkStream:
        cut = _cut(timeout, httpcore2.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, cut))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class DeadlineBackend(httpcore2.NetworkBackend):
    """httpcore's network backend, its connections bound by the current call's deadline."""

    def __init__(self, backend: httpcore2.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore2.NetworkStream:
        cut = _cut(timeout, httpcore2.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, cut, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore2.NetworkStream:
        cut = _cut(timeout, httpcore2.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, cut, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)
