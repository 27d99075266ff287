"""A model endpoint on loopback that answers, but slowly: a trickle, or a stall.

Every chat call gets its headers at once and then a well-formed answer (a chat completion, or
the events of a stream) one byte every ``interval`` seconds; with ``stall_after``, that many
bytes and then nothing. ``GET /v1/models`` answers at once, as a real server that is only slow
at generating would. Each call is recorded: when it came, and when its client went away.
"""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from dataclasses import dataclass

ANSWER = {"rewritten": "There is an error in this sentence.", "edits": [], "ideas": []}


@dataclass
class TrickledCall:
    """One chat call: when it came, whether it streamed, and when its client hung up."""

    started: float
    stream: bool
    ended: float | None = None  # the client closed the connection (or the endpoint stopped)


class TricklingEndpoint:
    """The endpoint: ``url`` for ``ADDIN_LLM_BASE_URL``; ``calls`` as they came."""

    def __init__(self, interval: float = 1.0, stall_after: int | None = None) -> None:
        self.interval = interval
        self.stall_after = stall_after
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/v1"
        self.calls: list[TrickledCall] = []
        self._stopped = threading.Event()
        self._connections: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def stop(self) -> None:
        """Stop answering and close every connection."""
        self._stopped.set()
        self.listener.close()
        for connection in list(self._connections):
            connection.close()

    def _accept(self) -> None:
        while not self._stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed by stop()
                return
            self._connections.append(connection)
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            while not self._stopped.is_set():
                request = _read_request(connection)
                if request is None:
                    return
                path, body = request
                if path.rstrip("/").endswith("/models"):
                    listing = json.dumps({"object": "list", "data": [{"id": "test-model"}]})
                    connection.sendall(_head("application/json", len(listing)) + listing.encode())
                    continue
                self._trickle(connection, bool(body.get("stream")))
                return

    def _trickle(self, connection: socket.socket, stream: bool) -> None:
        call = TrickledCall(time.monotonic(), stream)
        self.calls.append(call)
        payload = _stream_payload() if stream else _completion_payload()
        try:
            if stream:
                connection.sendall(_head("text/event-stream", None))
            else:
                connection.sendall(_head("application/json", len(payload)))
            for index, byte in enumerate(payload):
                if self.stall_after is not None and index >= self.stall_after:
                    while not self._client_left(connection, 0.1):  # never another byte
                        pass
                    break
                piece = bytes([byte])
                connection.sendall(b"1\r\n" + piece + b"\r\n" if stream else piece)
                if self._client_left(connection, self.interval):
                    break
            else:
                if stream:
                    connection.sendall(b"0\r\n\r\n")
        except OSError:  # the client went away: what the server under test should do
            pass
        finally:
            call.ended = time.monotonic()

    def _client_left(self, connection: socket.socket, seconds: float) -> bool:
        """Wait ``seconds``; whether the client closed the connection (or we stopped)."""
        readable, _, _ = select.select([connection], [], [], seconds)
        if self._stopped.is_set():
            return True
        return bool(readable) and not connection.recv(1, socket.MSG_PEEK)


def _read_request(connection: socket.socket) -> tuple[str, dict[str, object]] | None:
    """The path and JSON body of the next request; ``None`` once the client closed."""
    data = b""
    while b"\r\n\r\n" not in data:
        piece = connection.recv(65536)
        if not piece:
            return None
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    while len(body) < length:
        piece = connection.recv(65536)
        if not piece:
            return None
        body += piece
    path = lines[0].split(" ")[1]
    return path, json.loads(body) if body else {}


def _head(content_type: str, length: int | None) -> bytes:
    framing = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{framing}\r\n\r\n".encode()


def _completion_payload() -> bytes:
    message = {"role": "assistant", "content": json.dumps(ANSWER)}
    completion = {
        "id": "chatcmpl-trickle",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "test-model",
        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
    }
    return json.dumps(completion).encode()


def _stream_payload() -> bytes:
    content = json.dumps(ANSWER)
    events = [{"content": content[i : i + 8]} for i in range(0, len(content), 8)]
    lines = [_event({"content": piece["content"]}, None) for piece in events]
    lines += [_event({}, "stop"), "data: [DONE]\n\n"]
    return "".join(lines).encode()


def _event(delta: dict[str, str], finish_reason: str | None) -> str:
    chunk = {
        "id": "chatcmpl-trickle",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": "test-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }
    return f"data: {json.dumps(chunk)}\n\n"
