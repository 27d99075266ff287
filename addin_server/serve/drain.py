"""How a waitress process stops: at once, without starting new work, without cutting any
request that can finish (issue 23, part 2).

On SIGTERM (or SIGINT, or when a worker's parent is gone) the process:

1. closes its copy of the listening socket, after taking in the connections already waiting
   there (closing the last copy would reset them);
2. reads what has already arrived on its connections: a request that reached the server
   before the signal is answered;
3. answers every request with ``Connection: close`` and closes its connection once the answer
   is sent, so no connection takes more than one request after the signal. A connection
   whose answer had already begun without that header may take one more, which is told;
4. closes a connection with nothing to do once it has been quiet for ``QUIET_SECONDS`` (an
   idle one, that long after the signal). Closed the very moment the drain began, a
   connection whose client was just sending its next request (a busy client sends one every
   few milliseconds) was reset: HTTP lets a server close an idle connection, and a client
   that sends on it meanwhile loses its request;
5. exits as soon as the last connection is closed, or after ``GRACE_SECONDS``: then what is
   still running is dropped, its connection closed first (so no answer leaves after it was
   counted lost), and the log names each dropped request as the request log would have.

The signal reaches the event loop through a wake-up socket (:func:`signal.set_wakeup_fd`),
written by the interpreter the moment the signal arrives: Python runs a signal handler only
between two bytecodes of the main thread, which in a worker may be busy with a lint for a
second or more, and the drain used to start that much later.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import time
from collections.abc import Iterator
from typing import Any

from waitress import wasyncore

from addin_server.serve.shutdown import GRACE_SECONDS, RequestTracker, log_dropped
from addin_server.serve.waitress_http import PenwiseServer

log = logging.getLogger(__name__)
LOOP_SECONDS = 0.2  # how long the event loop waits for an event before it looks around
# An idle kept-alive connection is closed once it has been quiet this long during a drain: a
# client that is already sending its next request gets an answer, not a reset.
QUIET_SECONDS = 0.3


class _SignalWake(wasyncore.dispatcher):
    """The read end of the wake-up socket: each byte is a signal's number."""

    def __init__(self, sock: socket.socket, stopping: list[str], channels: dict[int, Any]):
        super().__init__(sock, map=channels)
        self.stopping = stopping

    def readable(self) -> bool:
        return True

    def writable(self) -> bool:
        return False

    def handle_read(self) -> None:
        for number in self.recv(64):
            if number in (signal.SIGTERM, signal.SIGINT):
                self.stopping.append(signal.Signals(number).name)


@contextlib.contextmanager
def signals_wake(server: PenwiseServer, stopping: list[str]) -> Iterator[None]:
    """While serving, let SIGTERM and SIGINT stop ``server``'s event loop at once (call on
    the main thread)."""

    def stop(signum: int, _frame: Any) -> None:
        stopping.append(signal.Signals(signum).name)

    for name in ("SIGTERM", "SIGINT"):
        signal.signal(getattr(signal, name), stop)
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    wake = _SignalWake(reader, stopping, server.dispatchers)
    previous = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    try:
        yield
    finally:
        signal.set_wakeup_fd(previous)
        wake.close()
        writer.close()


def serve_until_stopped(
    server: PenwiseServer,
    tracker: RequestTracker,
    stopping: list[str],
    name: str,
    parent: int | None,
) -> int:
    """Run ``server``'s event loop until ``stopping`` says why, then drain; return how many
    requests were dropped."""
    use_poll = server.adj.asyncore_use_poll
    while not stopping:
        wasyncore.loop(server.loop_seconds(LOOP_SECONDS), use_poll, server.dispatchers, count=1)
        if parent is not None and os.getppid() != parent:
            stopping.append("parent process gone")
    return drain(server, tracker, stopping[0], name)


def drain(server: PenwiseServer, tracker: RequestTracker, reason: str, name: str) -> int:
    """Stop taking connections, answer what was asked, close every connection, within the
    grace; return how many requests were dropped (see the module)."""
    use_poll = server.adj.asyncore_use_poll
    server.draining = True
    if server.share is not None:
        server.share.leave()
    _take_waiting_connections(server)
    server.close_listeners()  # this process's copies of the listening sockets
    wasyncore.loop(0, use_poll, server.dispatchers, count=1)  # read what has already arrived
    open_now = server.channels()
    log.info(
        "%s: %s: draining: %d request(s) running on %d connection(s); each connection's next "
        "answer says Connection: close",
        name,
        reason,
        sum(1 for channel in open_now if not channel.idle),
        len(open_now),
    )
    started = time.monotonic()
    deadline = started + GRACE_SECONDS
    quiet_from = time.time()  # waitress notes a connection's activity in wall-clock time
    while server.channels() and time.monotonic() < deadline:
        wait = _close_quiet(server, quiet_from)
        wasyncore.loop(min(wait, LOOP_SECONDS), use_poll, server.dispatchers, count=1)
    left = server.channels()
    if not left:
        log.info("%s: drained in %.2f s", name, time.monotonic() - started)
        return 0
    unsent = sum(1 for c in left if not c.requests and c.total_outbufs_len)
    arriving = sum(1 for c in left if not c.requests and c.request is not None)
    for channel in left:  # before counting: no answer may leave once counted lost
        channel.handle_close()
    dropped = log_dropped(tracker.running(), GRACE_SECONDS, unsent)
    if arriving:
        log.info("%s: %d request(s) still arriving were not read", name, arriving)
    return dropped


def _close_quiet(server: PenwiseServer, since: float) -> float:
    """Close the connections with nothing to do that have been quiet for ``QUIET_SECONDS``
    (counted from ``since`` at the earliest); return the seconds until the next may be."""
    now, wait = time.time(), QUIET_SECONDS
    for channel in server.channels():
        if not channel.idle:
            continue
        quiet = now - max(channel.last_activity, since)
        if quiet >= QUIET_SECONDS:
            channel.handle_close()
        else:
            wait = min(wait, QUIET_SECONDS - quiet)
    return wait


def _take_waiting_connections(server: PenwiseServer) -> None:
    """Accept the connections waiting in the listening sockets' queues (a listener is
    non-blocking: once its queue is empty, an accept adds no connection)."""
    for listener in server.listeners():
        for _ in range(server.adj.backlog):
            before = len(server.dispatchers)
            server.accept_from(listener)
            if len(server.dispatchers) == before:
                break
