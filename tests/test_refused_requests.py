"""Requests ``addin-server serve`` must refuse or cut off, sent over a raw socket (issue 23,
part 3): Content-Length with Transfer-Encoding, a header section with a bare LF, and a body
shorter than its Content-Length on a connection held open.

Waitress decides these; addin_server.serve.waitress_http patches around it. Loopback only.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import LiveServer, start_server, stop_server

CLIENT_TIMEOUT = 2.0
BODY = b'{"text": "Their is a error."}'


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    server = start_server(
        tmp_path_factory.mktemp("refused"), {"ADDIN_CLIENT_TIMEOUT": str(CLIENT_TIMEOUT)}
    )
    yield server
    stop_server(server)


def exchange(server: LiveServer, data: bytes, wait: float) -> tuple[list[int], float | None]:
    """Send ``data`` and read for up to ``wait`` seconds: the statuses of the answers, and
    when the server closed the connection (``None``: it stayed open)."""
    port = int(server.url.rsplit(":", 1)[1])
    started = time.monotonic()
    received, closed = b"", None
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as sock:
        sock.sendall(data)
        sock.settimeout(0.1)
        while time.monotonic() - started < wait:
            try:
                piece = sock.recv(65536)
            except TimeoutError:
                continue
            except ConnectionResetError:
                piece = b""
            if not piece:
                closed = time.monotonic() - started
                break
            received += piece
    statuses = [int(status) for status in re.findall(rb"HTTP/1\.[01] (\d{3}) ", received)]
    return statuses, closed


def test_content_length_with_chunked_gets_400_and_the_connection_closes(
    served: LiveServer,
) -> None:
    chunked = f"{len(BODY):x}\r\n".encode() + BODY + b"\r\n0\r\n\r\n"
    smuggled = b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"  # a proxy would call this body
    request = (
        b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked + smuggled
    )
    statuses, closed = exchange(served, request, 5)
    assert statuses == [400]  # the request behind it is never answered
    assert closed is not None


def test_transfer_encoding_and_content_length_in_http_1_0_get_400(served: LiveServer) -> None:
    request = (
        b"POST /v1/check HTTP/1.0\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\nContent-Length: " + str(len(BODY)).encode() + b"\r\n\r\n"
    )
    statuses, closed = exchange(served, request + BODY, 5)
    assert statuses == [400] and closed is not None


@pytest.mark.parametrize(
    "head",
    [
        b"GET /healthz HTTP/1.1\nHost: x\n\n",  # every line
        b"GET /healthz HTTP/1.1\r\nHost: x\nAccept: */*\r\n\r\n",  # one line
        b"GET /healthz HTTP/1.1\r\nHost: x\r\n\n",  # the end of the section
    ],
)
def test_a_bare_lf_in_the_headers_gets_400_at_once(served: LiveServer, head: bytes) -> None:
    statuses, closed = exchange(served, head, CLIENT_TIMEOUT + 5)
    assert statuses == [400]
    assert closed is not None and closed < CLIENT_TIMEOUT  # not left to the client timeout


def test_a_body_shorter_than_its_length_is_closed_after_the_client_timeout(
    served: LiveServer,
) -> None:
    request = (
        b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n" + BODY[:10]
    )
    # Waitress looked for quiet connections every 30 s: this one stayed open up to 32 s.
    statuses, closed = exchange(served, request, CLIENT_TIMEOUT + 10)
    assert statuses == []
    assert closed is not None and CLIENT_TIMEOUT - 0.5 < closed < CLIENT_TIMEOUT + 2


def test_the_server_still_answers_well_formed_requests(served: LiveServer) -> None:
    request = (
        b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: "
        + str(len(BODY)).encode()
        + b"\r\n\r\n"
        + BODY
        + b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    statuses, closed = exchange(served, request, 10)
    assert statuses == [200, 200] and closed is not None


def test_nothing_of_the_refused_requests_reaches_the_log_as_a_trace(served: LiveServer) -> None:
    log = Path(served.log_path).read_text(errors="replace")
    assert "Traceback" not in log
