"""Read a model's answer: tolerant JSON parsing, a schema check, and the guards every answer
passes (no canary, no echo of the instructions, a rewrite that is still a rewrite).

The schema check is ``jsonschema``'s, so an answer is held to all its schema says (such as
``additionalProperties: false``, which every prompt declares), not to a subset of it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from jsonschema.exceptions import best_match

from addin_server.engines.base import Length
from addin_server.engines.llm.errors import InvalidOutput
from addin_server.engines.llm.prompts import CANARY

_FENCE = re.compile(r"^\s*```[a-zA-Z]*\s*\n?|\n?```\s*$")
_MARKER = re.compile(r"</?(?:text|wish)-[0-9a-f]{8}>")
# A rewrite may be this much shorter / longer than its original, by the length asked for
# (a ratio of code points); short texts get slack, as one word more is a large ratio.
_BOUNDS = {Length.SHORTER: (0.15, 1.3), Length.SAME: (0.3, 2.2), Length.LONGER: (0.5, 4.0)}
_SLACK_CHARS = 40


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


def check_schema(value: Any, schema: dict[str, Any]) -> None:
    """Refuse ``value`` unless it is valid against the JSON Schema ``schema``."""
    error = best_match(Draft202012Validator(schema).iter_errors(value))
    if error is not None:
        raise InvalidOutput(f"The model's {_where(error)} {_fault(error)}.")


def _where(error: ValidationError) -> str:
    """The part of the answer at fault, named by the schema's keys (never the answer's text)."""
    keys = [key for key in error.absolute_path if isinstance(key, str)]
    where = keys[-1] if keys else "answer"
    return f"{where} item" if error.absolute_path and isinstance(error.path[-1], int) else where


def _fault(error: ValidationError) -> str:
    """What is wrong, without quoting the answer (it may hold the writer's text)."""
    if error.validator == "type":
        return f"is not of type {error.validator_value}"
    if error.validator == "enum":
        return "is not one of the allowed values"
    if error.validator == "required" and isinstance(error.instance, dict):
        required = error.validator_value if isinstance(error.validator_value, list) else []
        missing = [key for key in required if key not in error.instance]
        return f"lacks {', '.join(missing)}"
    if error.validator == "additionalProperties":
        return "has properties the schema does not allow"
    return f"does not meet the schema's {error.validator}"


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
