"""The message tables: load them, render a message in a language, recognise an English one.

A template's parameters are written ``{name}``; a value is put in as it is (never formatted
again, so a brace the writer typed stays a brace). Harper's messages are English sentences,
not ids: :func:`recognise` reads one back into an id and its parameters by matching it
against our English templates for its rule, and only an exact match counts, so a message
whose wording we have no template for is never given a translation that says something else.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from addin_server.records import Issue, Notice

DATA = Path(__file__).with_name("data")
ENGLISH = "en"
# The languages with a table, English first; the file of each is data/<language>.toml.
LANGUAGES: tuple[str, ...] = (ENGLISH, "zh-CN")
_PARAMETER = re.compile(r"\{(\w+)\}")

Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Message:
    """A message by its id in the tables, with the values of its named parameters."""

    id: str
    params: Params = ()


def message(message_id: str, **params: object) -> Message:
    """The message ``message_id`` with ``params`` (each value becomes text)."""
    return Message(message_id, tuple((name, str(value)) for name, value in params.items()))


@cache
def table(language: str) -> Mapping[str, str]:
    """The templates of ``language`` by message id (empty for a language with no table)."""
    if language not in LANGUAGES:
        return {}
    with (DATA / f"{language}.toml").open("rb") as file:
        templates = tomllib.load(file)["messages"]
    return {str(key): str(value) for key, value in templates.items()}


def parameters(template: str) -> frozenset[str]:
    """The names of the parameters ``template`` uses."""
    return frozenset(_PARAMETER.findall(template))


def fill(template: str, params: Iterable[tuple[str, str]]) -> str:
    """``template`` with each ``{name}`` replaced by its value (unknown names stay)."""
    values = dict(params)
    return _PARAMETER.sub(lambda found: values.get(found.group(1), found.group()), template)


def english(found: Message) -> str:
    """The English text of a message; an id with no English template is a bug, so the id
    itself shows (a test keeps every id the code uses in the table)."""
    template = table(ENGLISH).get(found.id)
    return found.id if template is None else fill(template, found.params)


def reworded(issue: Issue, found: Message) -> Issue:
    """``issue`` saying ``found`` instead of its message."""
    return replace(issue, message=english(found), message_id=found.id, params=found.params)


def notice(code: str, found: Message) -> Notice:
    """A warning with the code ``code`` that says ``found``."""
    return Notice(code, english(found), found.id, found.params)


def render(language: str, message_id: str, params: Params) -> str | None:
    """The message in ``language``, or ``None`` when its table has no template for it."""
    template = table(language).get(message_id) if message_id else None
    return None if template is None else fill(template, params)


def localized(language: str, message_id: str, params: Params, english_text: str) -> tuple[str, str]:
    """``(text, language of the text)``: the message in ``language`` where a template exists,
    else ``english_text`` as it is, in English."""
    if language != ENGLISH:
        text = render(language, message_id, params)
        if text is not None:
            return text, language
    return english_text, ENGLISH


def recognise(prefixes: Iterable[str], text: str) -> Message | None:
    """The message whose English template, among those whose id is one of ``prefixes`` or
    starts with it and a dot, gives exactly ``text``; the first in the order of
    ``prefixes`` wins."""
    for prefix in prefixes:
        for message_id, pattern, names in _patterns(prefix):
            matched = pattern.fullmatch(text)
            if matched:
                return Message(message_id, tuple((name, matched.group(name)) for name in names))
    return None


@cache
def _patterns(prefix: str) -> tuple[tuple[str, re.Pattern[str], tuple[str, ...]], ...]:
    """The English templates under ``prefix`` as patterns that read their parameters back,
    the most specific (the most fixed words) first: "Use the irregular form '{fixed}' or
    '{other}' instead of '{word}'" before the same with one form."""
    found = []
    for message_id, template in table(ENGLISH).items():
        if message_id != prefix and not message_id.startswith(prefix + "."):
            continue
        pieces, names, last = [], [], 0
        for parameter in _PARAMETER.finditer(template):
            pieces.append(re.escape(template[last : parameter.start()]))
            name = parameter.group(1)
            pieces.append(f"(?P={name})" if name in names else f"(?P<{name}>.+?)")
            if name not in names:
                names.append(name)
            last = parameter.end()
        pieces.append(re.escape(template[last:]))
        literal = len(_PARAMETER.sub("", template))
        found.append((literal, message_id, re.compile("".join(pieces), re.DOTALL), tuple(names)))
    found.sort(key=lambda item: -item[0])
    return tuple((message_id, pattern, names) for _, message_id, pattern, names in found)
