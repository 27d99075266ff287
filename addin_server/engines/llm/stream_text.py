"""Pieces of a streamed answer made safe to show as they arrive.

The model streams JSON (``{"rewritten": "..."}``); :class:`JsonStringField` decodes the one
string field as its characters arrive. :class:`Holdback` keeps back what might be the start
of the canary or of a placeholder until it is complete, and :class:`ChunkShaper` makes the
text join its neighbours exactly as the stitched rewrite will.
"""

from __future__ import annotations

import re

from addin_server.engines.llm.errors import InvalidOutput
from addin_server.engines.llm.prompts import CANARY
from addin_server.engines.llm.redaction import Redaction

_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_LONGEST_PLACEHOLDER = len("[PHONE_9999]")


class JsonStringField:
    """Decode the value of one top-level string field of a JSON object, incrementally."""

    def __init__(self, name: str) -> None:
        self._key = re.compile(rf'"{re.escape(name)}"\s*:\s*"')
        self._buffer = ""
        self._state = "seek"  # seek -> value -> done
        self._high: str | None = None  # a high surrogate waiting for its pair

    def feed(self, raw: str) -> str:
        """Take more raw JSON; return the newly decoded characters of the field."""
        self._buffer += raw
        if self._state == "seek":
            match = self._key.search(self._buffer)
            if match is None:
                return ""
            self._buffer, self._state = self._buffer[match.end() :], "value"
        if self._state != "value":
            return ""
        out: list[str] = []
        position = 0
        buffer = self._buffer
        while position < len(buffer):
            char = buffer[position]
            if char == '"':
                self._state = "done"
                position = len(buffer)
                break
            if char != "\\":
                out.append(self._pair(char))
                position += 1
                continue
            if position + 1 >= len(buffer):
                break  # the escape continues in the next piece
            code = buffer[position + 1]
            if code == "u":
                if position + 6 > len(buffer):
                    break
                out.append(self._pair(chr(int(buffer[position + 2 : position + 6], 16))))
                position += 6
            else:
                out.append(_ESCAPES.get(code, code))
                position += 2
        self._buffer = buffer[position:]
        return "".join(out)

    def _pair(self, char: str) -> str:
        if self._high is not None:
            high, self._high = self._high, None
            if "\udc00" <= char <= "\udfff":
                return (high + char).encode("utf-16-le", "surrogatepass").decode("utf-16-le")
            return high + self._pair(char)
        if "\ud800" <= char <= "\udbff":
            self._high = char
            return ""
        return char


class Holdback:
    """Release text only once it cannot be part of the canary or an open placeholder."""

    def __init__(self, redaction: Redaction) -> None:
        self._redaction = redaction
        self._pending = ""

    def feed(self, text: str) -> str:
        """Take decoded text; return what is safe to show, placeholders restored."""
        self._pending += text
        if CANARY in self._pending:
            raise InvalidOutput("The model's answer repeated its instructions.")
        keep = max(_canary_prefix(self._pending), _open_placeholder(self._pending))
        cut = len(self._pending) - keep
        ready, self._pending = self._pending[:cut], self._pending[cut:]
        return self._redaction.restore(ready)

    def flush(self) -> str:
        """Everything still held, at the end of the answer."""
        ready, self._pending = self._pending, ""
        return self._redaction.restore(ready)


def _canary_prefix(text: str) -> int:
    for size in range(min(len(CANARY) - 1, len(text)), 0, -1):
        if CANARY.startswith(text[-size:]):
            return size
    return 0


def _open_placeholder(text: str) -> int:
    opening = text.rfind("[")
    if opening == -1 or "]" in text[opening:] or len(text) - opening > _LONGEST_PLACEHOLDER:
        return 0
    return len(text) - opening


class ChunkShaper:
    """Frame one chunk's streamed rewrite as ``lead + rewrite.strip() + trail``."""

    def __init__(self, original: str) -> None:
        stripped = original.strip()
        self.lead = original[: len(original) - len(original.lstrip())] if stripped else original
        self.trail = original[len(original.rstrip()) :] if stripped else ""
        self.started = False
        self._spaces = ""

    def feed(self, text: str) -> str:
        """Take more of the rewrite; return what to send now."""
        if not self.started:
            text = text.lstrip()
            if not text:
                return ""
            self.started = True
            text = self.lead + text
        text = self._spaces + text
        body = text.rstrip()
        self._spaces = text[len(body) :]
        return body

    def finish(self) -> str:
        """What closes the chunk: its trailing whitespace (and its lead if nothing came)."""
        return self.trail if self.started else self.lead + self.trail
