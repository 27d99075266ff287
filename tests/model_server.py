"""A small scriptable OpenAI-compatible server on loopback, for tests and benchmarks.

``POST /v1/chat/completions`` (plain and streamed) and ``GET /v1/models``. Each test says
how it behaves: a reply, a delay, an HTTP error with headers (429 with ``Retry-After``),
a malformed body, a truncated stream, a port that accepts and never answers
(:class:`HungEndpoint`), a context window it enforces (with tiktoken, as
text/tokens.py counts), or llama.cpp's refusal of ``json_schema``. Every call is recorded
with its timing, token counts and whether the client went away before the answer ended.
"""

from __future__ import annotations

import json
import re
import select
import socket
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from addin_server.text import tokens

FENCED = re.compile(r"<text-([0-9a-f]{8})>\n(.*)\n</text-\1>", re.DOTALL)
ASKED_IDEAS = re.compile(r"^- (\d+) “(\w+)”", re.MULTILINE)
FIXES = {"teh": "the", "recieve": "receive", "alot": "a lot", "very big": "huge"}


@dataclass
class Reply:
    """How to answer one call. ``content`` may be a function of the call."""

    content: str | Callable[[Call], str] | None = None
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    raw_body: str | None = None  # sent as is (e.g. malformed JSON)
    error_code: str | None = None
    error_message: str = "error"
    piece_delay: float | Callable[[Call], float] = 0.0  # between streamed pieces
    truncate_after: int | None = None  # streamed pieces sent before the connection drops
    finish_reason: str = "stop"


@dataclass
class Call:
    """One chat completion request as the server saw it."""

    body: dict[str, Any]
    headers: dict[str, str]
    prompt_tokens: int
    started: float
    ended: float = 0.0
    aborted: bool = False
    epoch: int = 0

    @property
    def system(self) -> str:
        """The system message."""
        return self.body["messages"][0]["content"]

    @property
    def user(self) -> str:
        """The last user message."""
        return self.body["messages"][-1]["content"]

    @property
    def text(self) -> str:
        """The writer's text, as fenced in the user message."""
        match = FENCED.search(self.user)
        return match.group(2) if match else ""

    @property
    def max_tokens(self) -> int:
        """The answer's token limit the call asked for."""
        return int(self.body.get("max_tokens") or self.body.get("max_completion_tokens") or 0)

    @property
    def operation(self) -> str:
        """rewrite, grammar, improve or ideas, told by the answer schema (or the prompt)."""
        response_format = self.body.get("response_format") or {}
        schema = response_format.get("schema") or response_format.get("json_schema", {}).get(
            "schema", {}
        )
        required = set(schema.get("required", ()))
        if not required:
            required = {key for key in ("rewritten", "edits", "ideas") if f'"{key}"' in self.system}
        if required == {"edits", "rewritten"}:
            return "improve"
        return {"rewritten": "rewrite", "edits": "grammar", "ideas": "ideas"}.get(
            next(iter(required), ""), "unknown"
        )


def editor_reply(call: Call) -> str:
    """A well-behaved model: fixes a few known errors, suggests the ideas asked for."""
    text = call.text
    fixed = text
    for wrong, right in FIXES.items():
        fixed = fixed.replace(wrong, right)
    edits = [
        {
            "quote": wrong,
            "replacement": right,
            "explanation": f"“{wrong}” should be “{right}”.",
            "category": "correctness",
            "offset": text.find(wrong),
        }
        for wrong, right in FIXES.items()
        if wrong in text
    ]
    operation = call.operation
    if operation == "rewrite":
        return json.dumps({"rewritten": fixed})
    if operation == "grammar":
        return json.dumps({"edits": edits})
    if operation == "improve":
        return json.dumps({"edits": edits, "rewritten": fixed})
    ideas = [
        {
            "kind": kind,
            "title": f"{kind} {n + 1}",
            "text": f"A {kind} idea, number {n + 1}.",
        }
        for count, kind in ASKED_IDEAS.findall(call.user)
        for n in range(int(count))
    ]
    return json.dumps({"ideas": ideas})


class ModelServer:
    """The server: start it, script it per test, read back its calls."""

    def __init__(self, model: str = "test-model") -> None:
        self.model = model
        self.lock = threading.Lock()
        self.calls: list[Call] = []
        self.model_lists = 0
        self.replies: list[Reply] = []
        self.default = Reply(content=editor_reply)
        self.context_limit: int | None = None
        self.reject_json_schema = False
        self.in_flight = 0
        self.max_in_flight = 0
        self.epoch = 0
        self._gate: threading.Condition | None = None
        self._gate_size = 0
        self._arrived = 0
        self._gate_timeout = 10.0
        self.encoding = tokens.get_encoding("o200k_base")
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_port}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> ModelServer:
        """Serve in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        """Forget calls and scripts: a well-behaved editor again."""
        with self.lock:
            self.calls.clear()
            self.replies.clear()
            self.default = Reply(content=editor_reply)
            self.context_limit = None
            self.reject_json_schema = False
            # A call of the previous test may still be on its way out: count it no more.
            self.epoch += 1
            self.in_flight = self.max_in_flight = 0
            self.model_lists = 0
            self._gate = None

    def script(self, *replies: Reply, then: Reply | None = None) -> None:
        """Answer the next calls with ``replies`` in turn, then with ``then`` (or as now)."""
        with self.lock:
            self.replies.extend(replies)
            if then is not None:
                self.default = then

    def gate(self, size: int, timeout: float = 10.0) -> None:
        """Hold each call until ``size`` calls have arrived (or ``timeout``), so that calls
        meant to overlap do, whatever the machine's load."""
        with self.lock:
            self._gate = threading.Condition(self.lock)
            self._gate_size, self._arrived = size, 0
            self._gate_timeout = timeout

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> bool:
        """Poll ``predicate`` until true or ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return True
            time.sleep(0.02)
        return predicate()

    def count(self, text: str) -> int:
        """Tokens of ``text`` with the encoding the server assumes."""
        return tokens.count_tokens(self.encoding, text)

    # --- used by the handler ---

    def arrive(self, call: Call) -> Reply:
        with self.lock:
            call.epoch = self.epoch
            self.calls.append(call)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
            reply = self.replies.pop(0) if self.replies else self.default
            gate = self._gate
            if gate is not None:
                self._arrived += 1
                gate.notify_all()
                gate.wait_for(lambda: self._arrived >= self._gate_size, self._gate_timeout)
        return reply

    def leave(self, call: Call) -> None:
        with self.lock:
            if call.epoch == self.epoch:
                self.in_flight -= 1
            call.ended = time.monotonic()


class HungEndpoint:
    """A loopback port that accepts connections and never answers a byte (a hung server)."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/v1"
        self.accepted: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:  # closed by stop()
                return
            self.accepted.append(connection)

    def stop(self) -> None:
        """Close the port and every connection it holds."""
        self.listener.close()
        for connection in self.accepted:
            connection.close()


def _handler_for(server: ModelServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            if self.path.rstrip("/") != "/v1/models":
                return self._json(404, {"error": {"message": "not found"}})
            with server.lock:
                server.model_lists += 1
            self._json(200, {"object": "list", "data": [{"id": server.model, "object": "model"}]})

        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            if self.path.rstrip("/") != "/v1/chat/completions":
                return self._json(404, {"error": {"message": "not found"}})
            prompt = sum(server.count(m.get("content") or "") for m in body.get("messages", []))
            call = Call(
                body, {k.lower(): v for k, v in self.headers.items()}, prompt, time.monotonic()
            )
            reply = server.arrive(call)
            try:
                self._answer(call, reply)
            except (BrokenPipeError, ConnectionResetError):
                call.aborted = True
            finally:
                server.leave(call)

        def _answer(self, call: Call, reply: Reply) -> None:
            if not self._sleep(reply.delay, call):
                return
            response_format = call.body.get("response_format") or {}
            if server.reject_json_schema and response_format.get("type") == "json_schema":
                message = "Input should be 'text' or 'json_object' (response_format.type)"
                return self._json(500, {"error": {"message": message, "type": "server_error"}})
            limit = server.context_limit
            if limit is not None and call.prompt_tokens + call.max_tokens > limit:
                error = {
                    "message": f"This model's maximum context length is {limit} tokens.",
                    "type": "invalid_request_error",
                    "param": "messages",
                    "code": "context_length_exceeded",
                }
                return self._json(400, {"error": error})
            if reply.status != 200:
                error = {"message": reply.error_message, "type": "error", "code": reply.error_code}
                return self._json(reply.status, {"error": error}, reply.headers)
            if reply.raw_body is not None:
                return self._raw(200, reply.raw_body.encode(), "application/json")
            content = reply.content(call) if callable(reply.content) else (reply.content or "")
            if call.body.get("stream"):
                return self._stream(call, reply, content)
            self._json(
                200,
                {
                    "id": f"chatcmpl-{uuid.uuid4().hex}",
                    "object": "chat.completion",
                    "created": int(time.time()),
                    "model": server.model,
                    "choices": [
                        {
                            "index": 0,
                            "message": {"role": "assistant", "content": content},
                            "finish_reason": reply.finish_reason,
                        }
                    ],
                    "usage": {
                        "prompt_tokens": call.prompt_tokens,
                        "completion_tokens": server.count(content),
                        "total_tokens": call.prompt_tokens + server.count(content),
                    },
                },
            )

        def _stream(self, call: Call, reply: Reply, content: str) -> None:
            self.send_response(200)
            self.send_header("content-type", "text/event-stream")
            self.send_header("transfer-encoding", "chunked")
            self.end_headers()
            pieces = [content[i : i + 6] for i in range(0, len(content), 6)]
            pause = reply.piece_delay(call) if callable(reply.piece_delay) else reply.piece_delay
            for index, piece in enumerate(pieces):
                if reply.truncate_after is not None and index >= reply.truncate_after:
                    self.close_connection = True
                    self.wfile.flush()
                    self.connection.shutdown(2)
                    return
                self._chunk(_sse({"content": piece}, None))
                if not self._sleep(pause, call):
                    return
            self._chunk(_sse({}, reply.finish_reason))
            self._chunk("data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _chunk(self, text: str) -> None:
            data = text.encode()
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _sleep(self, seconds: float, call: Call) -> bool:
            """Wait, noticing a client that hangs up meanwhile; False if it did."""
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline:
                readable, _, _ = select.select([self.connection], [], [], 0.02)
                if readable and not self.connection.recv(1, 2):  # 2 = MSG_PEEK
                    call.aborted = True
                    self.close_connection = True
                    return False
            return True

        def _json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
            self._raw(status, json.dumps(data).encode(), "application/json", headers)

        def _raw(
            self, status: int, data: bytes, mime: str, headers: dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("content-type", mime)
            self.send_header("content-length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)
            self.wfile.flush()

    return Handler


def _sse(delta: dict[str, Any], finish_reason: str | None) -> str:
    chunk = {
        "id": "chatcmpl-stream",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": "test-model",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
    }
    return f"data: {json.dumps(chunk)}\n\n"
