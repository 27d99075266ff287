"""Read a model's answer: tolerant JSON parsing, a schema check, and the guards every answer
passes (no canary, no echo of the instructions, a rewrite that is still a rewrite)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from addin_server.engines.base import Length
from addin_server.engines.llm.errors import InvalidOutput
from addin_server.engines.llm.prompts import CANARY

_FENCE = re.compile(r"^\s*```[a-zA-Z]*\s*\n?|\n?```\s*$")
_MARKER = re.compile(r"</?(?:text|wish)-[0-9a-f]{8}>")
# A rewrite may be this much shorter / longer than its original, by the length asked for
# (a ratio of code points); short texts get slack, as one word more is a large ratio.
_BOUNDS = {Length.SHORTER: (0.15, 1.3), Length.SAME: (0.3, 2.2), Length.LONGER: (0.5, 4.0)}
_SLACK_CHARS = 40
_TYPES: dict[str, type | tuple[type, ...]] = {
    "object": dict,
    "array": list,
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
}


def parse_json_object(content: str) -> dict[str, Any]:
    """The first JSON object in ``content``, which may be wrapped in a code fence or prose."""
    text = _FENCE.sub("", content.strip())
    decoder = json.JSONDecoder()
    for match in re.finditer(r"\{", text):
        try:
            value, _ = decoder.raw_decode(text, match.start())
        except json.JSONDecodeError:
            continue
        if isinstance(value, dict):
            return value
    raise InvalidOutput("The model's answer was not the JSON object asked for.")


def check_schema(value: Any, schema: dict[str, Any], where: str = "answer") -> None:
    """Check ``value`` against the subset of JSON Schema our prompts use."""
    expected = schema.get("type")
    if expected and not _is_type(value, expected):
        raise InvalidOutput(f"The model's {where} is not of type {expected}.")
    if "enum" in schema and value not in schema["enum"]:
        raise InvalidOutput(f"The model's {where} is not one of the allowed values.")
    if isinstance(value, dict):
        missing = [key for key in schema.get("required", ()) if key not in value]
        if missing:
            raise InvalidOutput(f"The model's {where} lacks {', '.join(missing)}.")
        for key, child in schema.get("properties", {}).items():
            if key in value:
                check_schema(value[key], child, key)
    if isinstance(value, list) and "items" in schema:
        for item in value:
            check_schema(item, schema["items"], f"{where} item")


def _is_type(value: Any, expected: str) -> bool:
    if isinstance(value, bool) and expected in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[expected])


def strings_in(value: Any) -> Iterator[str]:
    """Every string anywhere in a parsed answer."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def guard_answer(answer: dict[str, Any], system_prompt: str, original: str) -> None:
    """Refuse an answer that leaks the canary, a fence marker or the instructions."""
    for text in strings_in(answer):
        guard_text(text, system_prompt, original)


def guard_text(text: str, system_prompt: str, original: str) -> None:
    """Refuse text that leaks the canary, a fence marker or a line of the instructions."""
    if CANARY in text:
        raise InvalidOutput("The model's answer repeated its instructions.")
    if _MARKER.search(text) and not _MARKER.search(original):
        raise InvalidOutput("The model's answer contained the prompt's markers.")
    if echoes_instructions(text, system_prompt, original):
        raise InvalidOutput("The model's answer repeated its instructions.")


def echoes_instructions(text: str, system_prompt: str, original: str) -> bool:
    """Whether ``text`` repeats a sentence of the instructions that the original lacks, or
    is itself a piece of them (a model copying the reply template's placeholder)."""
    folded, source = _fold(text), _fold(original)
    if len(folded) >= 12 and folded in _fold(system_prompt) and folded not in source:
        return True
    for line in system_prompt.splitlines():
        for sentence in re.split(r"(?<=[.:;!?])\s+", line.lstrip("- ")):
            probe = _fold(sentence)
            if len(probe) >= 30 and probe in folded and probe not in source:
                return True
    return False


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def check_rewrite(original: str, rewritten: str, length: Length) -> str:
    """Return ``rewritten`` if it is a plausible rewrite of ``original``, else refuse it."""
    if original.strip() and not rewritten.strip():
        raise InvalidOutput("The model's rewrite was empty.")
    low, high = _BOUNDS[length]
    size, new_size = len(original.strip()), len(rewritten.strip())
    if new_size < size * low - _SLACK_CHARS or new_size > size * high + _SLACK_CHARS:
        raise InvalidOutput(
            f"The model's rewrite was {new_size} characters long for {size}: not a rewrite."
        )
    return rewritten


def rewrite_ceiling(original: str, length: Length) -> int:
    """Most characters a rewrite of ``original`` may have (to stop a runaway stream)."""
    return int(len(original.strip()) * _BOUNDS[length][1] + _SLACK_CHARS)
