"""Waitress's HTTP handling, with what Penwise changes: requests it refuses, connections it
closes (issue 23).

Waitress 3.0.2 decides these, so they are patched around here by subclassing its parser,
task, channel and server (nothing of waitress is modified in place):

- A request with both ``Content-Length`` and ``Transfer-Encoding``: waitress reads the body as
  chunked and keeps the connection open, so a proxy that trusts ``Content-Length`` and this
  server disagree on where the next request starts (request smuggling). RFC 9112 §6.3 says the
  server must close the connection after answering: the answer is 400, and it closes.
- A header section with a bare LF: waitress ends headers only at CRLF CRLF and would wait for
  the rest until the client timeout. The answer is 400 at once (RFC 9112 §2.2 lets a server
  reject a bare LF), and the connection closes.
- While the server drains (:mod:`addin_server.serve.waitress_server`), or while this worker holds
  more than its share of connections (:mod:`addin_server.serve.balance`), an answer carries
  ``Connection: close`` and its connection closes once the answer is sent.

``ADDIN_CLIENT_TIMEOUT`` is made exact by the caller: waitress looks for quiet connections
every ``cleanup_interval`` (30 s by default), so a connection could stay open for up to twice
the timeout.
"""

from __future__ import annotations

import re
import socket
from typing import Any, cast

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.parser import HTTPRequestParser, ParsingError
from waitress.server import TcpWSGIServer
from waitress.task import WSGITask
from waitress.utilities import BadRequest, find_double_newline

from addin_server.serve.balance import WAIT_SECONDS, WorkerShare

BARE_LF = re.compile(rb"(?<!\r)\n")


class StrictParser(HTTPRequestParser):
    """Waitress's request parser, refusing a bare LF and ``Content-Length`` with
    ``Transfer-Encoding``."""

    def received(self, data: bytes) -> int:
        """Take ``data``; refuse a header section holding a bare LF as soon as it shows."""
        if self.body_rcv is None and not self.completed:
            header = self.header_plus + data
            end = find_double_newline(header)
            if BARE_LF.search(header if end < 0 else header[:end]):
                self.parse_header(b"GET / HTTP/1.0\r\n")  # what an error answer needs
                self.error = BadRequest("A header line ends in a bare LF; end lines with CRLF.")
                self.completed = self.headers_finished = True
                return len(data)
        consumed: int = super().received(data)
        return consumed

    def parse_header(self, header_plus: bytes) -> None:
        """Parse the header section; both body lengths at once is an error."""
        super().parse_header(header_plus)
        headers = self.headers
        if "CONTENT_LENGTH" in headers and (self.chunked or "TRANSFER_ENCODING" in headers):
            raise ParsingError("Content-Length and Transfer-Encoding in one request.")


class ClosingTask(WSGITask):
    """A task whose answer says ``Connection: close``, and then closes its connection, when
    the server wants the connection closed."""

    def build_response_header(self) -> bytes:
        """The answer's head, with ``Connection: close`` if the connection is to end."""
        channel = cast(PenwiseChannel, self.channel)
        if cast(PenwiseServer, channel.server).wants_closed(channel):
            self.set_close_on_finish()
            channel.leaving = True
        header: bytes = super().build_response_header()
        return header


class PenwiseChannel(HTTPChannel):
    """One connection: our parser and task, and whether it is on its way out."""

    parser_class = StrictParser
    task_class = ClosingTask
    leaving = False  # its last answer said Connection: close

    @property
    def idle(self) -> bool:
        """Whether no request is being read, queued, answered or sent on it."""
        return not (self.requests or self.request is not None or self.total_outbufs_len)


class PenwiseServer(TcpWSGIServer):
    """Waitress's server on inherited listening sockets (one per address, such as 127.0.0.1
    and ::1), that drains on demand and, among workers, takes only its share of connections
    (over TLS: :class:`addin_server.serve.waitress_tls.TlsServer`)."""

    channel_class = PenwiseChannel
    draining = False
    waiting_turn = False  # it would accept, but another worker keeps fewer connections
    accepts = True  # what readable() last said, for the other listeners

    def __init__(
        self,
        app: Any,
        socks: list[socket.socket],
        share: WorkerShare | None,
        **adjustments: Any,
    ) -> None:
        self.share = share
        # Every dispatcher of this server's event loop (the listeners, its trigger, each
        # connection): waitress's socket map, by file descriptor.
        self.dispatchers: dict[int, Any] = {}
        sock = socks[0]
        sockinfo = (sock.family, sock.type, sock.proto, sock.getsockname())
        super().__init__(
            app,
            map=self.dispatchers,
            _sock=sock,
            bind_socket=False,
            sockinfo=sockinfo,
            **adjustments,
        )
        self.others = [_Listener(self, other) for other in socks[1:]]

    def listeners(self) -> list[wasyncore.dispatcher]:
        """The dispatchers of the listening sockets, this server's own first."""
        return [self, *self.others]

    def close_listeners(self) -> None:
        """Stop accepting: close this process's copies of the listening sockets."""
        self.accepting = False
        for listener in self.listeners():
            wasyncore.dispatcher.close(listener)

    def handle_accept(self) -> None:
        """Accept a connection waiting on this server's own socket."""
        self.accept_from(self)

    def accept_from(self, listener: wasyncore.dispatcher) -> None:
        """Accept a connection waiting on ``listener``'s socket, as waitress does on its one."""
        try:
            pair = listener.accept()
            if pair is None:
                return
            conn, addr = pair
            self.set_socket_options(conn)
        except OSError:
            return
        self.channel_class(self, conn, self.fix_addr(addr), self.adj, map=self.dispatchers)

    def channels(self) -> list[PenwiseChannel]:
        """The open connections (a copy: the event loop changes the map meanwhile)."""
        return [c for c in list(self.dispatchers.values()) if isinstance(c, PenwiseChannel)]

    def staying(self) -> int:
        """Open connections that will take another request."""
        return sum(1 for c in self.channels() if not (c.leaving or c.will_close))

    def readable(self) -> bool:
        """Accept while under the connection limit and, among workers, not over its share."""
        accepting: bool = super().readable()
        if self.share is not None and not self.draining:
            self.share.report(self.staying())
            self.waiting_turn = accepting and not self.share.may_accept()
            accepting = accepting and not self.waiting_turn
        self.accepts = accepting
        return accepting

    def loop_seconds(self, most: float) -> float:
        """How long the event loop may wait for an event: at most ``most``, and briefly while
        the other workers' turn to accept lasts (their connections are no event here)."""
        return min(most, WAIT_SECONDS) if self.waiting_turn else most

    def wants_closed(self, channel: PenwiseChannel) -> bool:
        """Whether ``channel``'s next answer should close it: the server drains, or this
        worker holds more connections than its share (their clients reconnect elsewhere)."""
        if self.draining:
            return True
        if self.share is None or channel.leaving:
            return False
        return self.share.over_share(self.staying())


class _Listener(wasyncore.dispatcher):
    """Another listening socket of a :class:`PenwiseServer`: it accepts when the server does,
    and gives the server each connection."""

    def __init__(self, server: PenwiseServer, sock: socket.socket) -> None:
        super().__init__(sock, map=server.dispatchers)
        self.server = server
        self.accepting = True

    def readable(self) -> bool:
        return self.server.accepting and self.server.accepts

    def writable(self) -> bool:
        return False

    def handle_accept(self) -> None:
        self.server.accept_from(self)
