"""Waitress's TLS connections (addin_server/serve/waitress_tls.py) under back-pressure: an answer
far larger than the socket's buffers, to a client that reads slowly, arrives whole, before
``Connection: close`` ends it, and a kept-alive connection takes the next request."""

from __future__ import annotations

import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from waitress import wasyncore

from addin_server.install.certs import CertPaths, make_certificates, server_context
from addin_server.serve.waitress_server import listening_sockets
from addin_server.serve.waitress_tls import TlsServer

BODY = bytes(range(256)) * 4096  # 1 MiB, every byte value


def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
    start_response("200 OK", [("Content-Type", "application/octet-stream")])
    return [BODY]


class SmallBuffers(TlsServer):
    """The server, each connection's send buffer 4 KiB: ciphertext waits on every send."""

    def set_socket_options(self, conn: socket.socket) -> None:
        super().set_socket_options(conn)
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    paths = CertPaths(tmp_path_factory.mktemp("certs"))
    make_certificates(paths)
    socks = listening_sockets("127.0.0.1", 0)
    server = SmallBuffers(
        app,
        socks,
        None,
        server_context(str(paths.cert), str(paths.key)),
        threads=2,
        ident=None,
        expose_tracebacks=False,
    )
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            wasyncore.loop(0.05, True, server.dispatchers, count=1)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield socks[0].getsockname()[1], paths.ca_cert
    finally:
        stop.set()
        thread.join(5)
        server.task_dispatcher.shutdown(timeout=1)
        wasyncore.close_all(server.dispatchers)


def _answer(tls: ssl.SSLSocket) -> tuple[bytes, bytes]:
    """Read one answer (its head, its body of Content-Length bytes), slowly at first."""
    data = bytearray()
    while b"\r\n\r\n" not in data:
        data += tls.recv(4096)
    head, _, body = bytes(data).partition(b"\r\n\r\n")
    length = int(
        next(line for line in head.split(b"\r\n") if line.startswith(b"Content-Length")).split(
            b":"
        )[1]
    )
    received = bytearray(body)
    time.sleep(0.3)  # the server's ciphertext piles up meanwhile
    while len(received) < length:
        chunk = tls.recv(65536)
        assert chunk, "the connection closed before the answer's end"
        received += chunk
    return head, bytes(received)


def _connect(port: int, ca: Path) -> ssl.SSLSocket:
    raw = socket.socket()
    raw.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    raw.settimeout(30)
    raw.connect(("127.0.0.1", port))
    return ssl.create_default_context(cafile=str(ca)).wrap_socket(raw, server_hostname="localhost")


def test_a_large_answer_arrives_whole_before_connection_close_ends_it(
    served: tuple[int, Path],
) -> None:
    with _connect(*served) as tls:
        tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        head, body = _answer(tls)
        assert b"Connection: close" in head and body == BODY
        assert tls.recv(100) == b""  # then, and only then, closed


def test_a_kept_alive_connection_takes_the_next_request(served: tuple[int, Path]) -> None:
    with _connect(*served) as tls:
        for _ in range(2):
            tls.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
            assert _answer(tls)[1] == BODY
