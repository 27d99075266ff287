"""Prompts as data: the TOML files in ``addin_server/prompts``, rendered into messages.

The writer's text (and their free-text wish) goes between fence markers with a random id
made for each call, so nothing in the text can close the fence and pose as instructions.
A per-process canary sits in every system prompt; an answer that contains it is an echo of
the instructions and is refused (see :mod:`.output`).
"""

from __future__ import annotations

import copy
import secrets
import string
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

PROMPT_NAMES = ("rewrite", "grammar", "improve", "ideas")
CANARY = f"pw-canary-{secrets.token_hex(8)}"


@dataclass(frozen=True)
class Prompt:
    """One operation's prompt file: templates, answer schema, sampling and token ratios."""

    name: str
    version: int
    system: string.Template
    user: string.Template
    schema: dict[str, Any]
    temperature: float
    output_ratio: float
    answer_tokens: int
    per_idea_tokens: int
    wish: string.Template | None
    context: string.Template | None
    tables: dict[str, dict[str, str]]

    @property
    def label(self) -> str:
        """``name/version``, logged with each call."""
        return f"{self.name}/v{self.version}"

    def word(self, table: str, key: str) -> str:
        """Wording from one of the file's tables (``formality``, ``length``, ``kinds``)."""
        return self.tables[table][key]


@dataclass(frozen=True)
class Messages:
    """A rendered prompt: the system and user messages of one call."""

    system: str
    user: str

    def as_chat(self) -> list[dict[str, str]]:
        """The messages as the chat completions API takes them."""
        return [{"role": "system", "content": self.system}, {"role": "user", "content": self.user}]


@cache
def load_prompt(name: str) -> Prompt:
    """Read ``prompts/<name>.toml`` (cached: the files do not change while serving)."""
    raw = resources.files("addin_server").joinpath("prompts", f"{name}.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    tables = {key: value for key, value in data.items() if isinstance(value, dict)}
    schema = tables.pop("schema")
    return Prompt(
        name=data["name"],
        version=int(data["version"]),
        system=string.Template(data["system"].strip()),
        user=string.Template(data["user"].strip()),
        schema=schema,
        temperature=float(data["temperature"]),
        output_ratio=float(data["output_ratio"]),
        answer_tokens=int(data["answer_tokens"]),
        per_idea_tokens=int(data.get("per_idea_tokens", 0)),
        wish=string.Template(data["wish"].strip()) if "wish" in data else None,
        context=string.Template(data["context"].strip()) if "context" in data else None,
        tables={key: {str(k): str(v) for k, v in table.items()} for key, table in tables.items()},
    )


def fence(text: str, label: str = "text") -> tuple[str, str]:
    """Opening and closing markers for ``text`` with an id the text does not contain."""
    while True:
        tag = f"{label}-{secrets.token_hex(4)}"
        if tag not in text:
            return f"<{tag}>", f"</{tag}>"


def render(prompt: Prompt, text: str, wish: str = "", context: str = "", **values: str) -> Messages:
    """Fill ``prompt`` with the fenced ``text``, an optional fenced ``wish``, an optional
    fenced read-only ``context`` (the sentence before the text) and ``values``."""
    opening, closing = fence(text)
    system = prompt.system.substitute(canary=CANARY, **values)
    user = prompt.user.substitute(
        open=opening,
        close=closing,
        text=text,
        wish=_fenced(prompt.wish, wish, "wish"),
        context=_fenced(prompt.context, context, "context"),
        **values,
    )
    return Messages(system, user)


def _fenced(template: string.Template | None, content: str, label: str) -> str:
    """``template`` around ``content`` between markers of its own; empty without either."""
    if not content.strip() or template is None:
        return ""
    opening, closing = fence(content, label)
    return template.substitute(open=opening, close=closing, **{label: content.strip()}) + "\n"


def schema_for(prompt: Prompt, **enums: list[str]) -> dict[str, Any]:
    """The answer schema, with the ``enum`` of named item fields narrowed (ideas' kinds)."""
    schema = copy.deepcopy(prompt.schema)
    for field_name, allowed in enums.items():
        for holder in _property_holders(schema):
            if field_name in holder:
                holder[field_name]["enum"] = list(allowed)
    return schema


def _property_holders(schema: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    if "properties" in schema:
        found.append(schema["properties"])
        for child in schema["properties"].values():
            found.extend(_property_holders(child))
    if "items" in schema:
        found.extend(_property_holders(schema["items"]))
    return found
