"""An organisation's style guide: loaded from YAML (``ADDIN_STYLE_GUIDE``) or taken from a
request's ``style_guide`` (the same structure as JSON), validated, and turned into rules.

The format (see ``examples/style-guide.example.yaml``)::

    terms:              # use one term instead of others
      - use: sign in
        instead_of: [login, log in]
        as_verb: true   # only where the term stands as a verb ("please login")
        message: ...    # optional; {term} and {use} are filled in
        name: sign-in   # optional; the rule id is guide.<name>
    banned:             # terms not to use, and why
      - term: simply    # or terms: [simply, just]
        message: Don't tell readers a task is easy.
    capitalization:     # product names, written exactly so
      - term: GitHub

An invalid guide is refused with where (a YAML line, or a field path) and why.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from addin_server.rules.base import Rule
from addin_server.rules.guide_rules import (
    BannedTermRule,
    CapitalizationRule,
    PreferredTermRule,
    banned_examples,
    capitalization_examples,
    guide_info,
    term_examples,
)

Path_ = tuple[str | int, ...]
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SECTIONS = {
    "terms": {"use", "instead_of", "as_verb", "message", "name"},
    "banned": {"term", "terms", "message", "name"},
    "capitalization": {"term", "name"},
}


class GuideError(ValueError):
    """The style guide is invalid; the message says where and why."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How large a guide may be."""

    entries: int
    terms_per_entry: int
    chars: int


FILE_LIMITS = Limits(entries=5_000, terms_per_entry=100, chars=200)
REQUEST_LIMITS = Limits(entries=50, terms_per_entry=20, chars=100)


def load_guide_file(path: Path) -> tuple[Rule, ...]:
    """Read, validate and build the rules of the YAML style guide at ``path``."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GuideError(f"cannot read the file: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise GuideError("the file is not UTF-8 text") from None
    lines: dict[Path_, int] = {}
    loader = yaml.SafeLoader(source)
    try:
        node = loader.get_single_node()
        if node is not None:
            _note_lines(node, (), lines)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise GuideError(f"{where}{problem}") from None
    finally:
        loader.dispose()

    def where(at: Path_) -> str:
        while at and at not in lines:
            at = at[:-1]
        return f"line {lines.get(at, 1)}"

    return build_guide(data, FILE_LIMITS, where)


def parse_request_guide(data: Any) -> tuple[Rule, ...]:
    """Validate and build the rules of a request's ``style_guide`` object."""
    return build_guide(data, REQUEST_LIMITS, lambda at: "style_guide" + _dotted(at))


def build_guide(data: Any, limits: Limits, where: Callable[[Path_], str]) -> tuple[Rule, ...]:
    """Validate ``data`` (a guide as plain values) and return its rules, in order."""
    checker = _Checker(limits, where)
    if data is None:
        return ()
    checker.require(isinstance(data, Mapping), (), "the guide must be a mapping of sections")
    for key in data:
        checker.require(key in _SECTIONS or key == "name", (str(key),),
                        f"unknown section “{key}”; use {', '.join(_SECTIONS)}")  # fmt: skip
    rules: list[Rule] = []
    for section in _SECTIONS:
        entries = data.get(section) or []
        checker.require(isinstance(entries, list), (section,), f"“{section}” must be a list")
        for index, entry in enumerate(entries):
            checker.require(len(rules) < limits.entries, (section, index),
                            f"the guide has more than {limits.entries} entries")  # fmt: skip
            rule = checker.entry(section, index, entry)
            taken = any(other.info.id == rule.info.id for other in rules)
            checker.require(not taken, (section, index),
                            f"another entry is named “{rule.info.id.removeprefix('guide.')}”; "
                            "give this one a “name” of its own")  # fmt: skip
            rules.append(rule)
    return tuple(rules)


class _Checker:
    """Validate entries one field at a time, raising :class:`GuideError` at the first fault."""

    def __init__(self, limits: Limits, where: Callable[[Path_], str]) -> None:
        self.limits = limits
        self.where = where

    def require(self, condition: bool, at: Path_, reason: str) -> None:
        if not condition:
            raise GuideError(f"{self.where(at)}: {reason}")

    def text(self, value: Any, at: Path_, label: str) -> str:
        self.require(isinstance(value, str) and value.strip() != "", at,
                     f"“{label}” must be a non-empty text")  # fmt: skip
        self.require(len(value) <= self.limits.chars, at,
                     f"“{label}” is longer than {self.limits.chars} characters")  # fmt: skip
        return " ".join(value.split())

    def texts(self, value: Any, at: Path_, label: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        self.require(isinstance(value, list) and bool(value), at,
                     f"“{label}” must be a text or a non-empty list of texts")  # fmt: skip
        self.require(len(value) <= self.limits.terms_per_entry, at,
                     f"“{label}” has more than {self.limits.terms_per_entry} terms")  # fmt: skip
        return tuple(self.text(item, (*at, n), label) for n, item in enumerate(value))

    def entry(self, section: str, index: int, entry: Any) -> Rule:
        at: Path_ = (section, index)
        self.require(isinstance(entry, Mapping), at, f"each entry of “{section}” is a mapping")
        unknown = sorted(set(entry) - _SECTIONS[section])
        self.require(not unknown, at, f"unknown field {', '.join(map(str, unknown))} in "
                     f"“{section}”; use {', '.join(sorted(_SECTIONS[section]))}")  # fmt: skip
        if section == "terms":
            return self._preferred(entry, at)
        if section == "banned":
            return self._banned(entry, at)
        return self._capitalization(entry, at)

    def _name(self, entry: Mapping[str, Any], at: Path_, default: str) -> str:
        if "name" not in entry:
            return _slug(default)
        name = self.text(entry["name"], (*at, "name"), "name")
        self.require(bool(_NAME.match(name)), (*at, "name"),
                     "“name” may hold only lowercase letters, digits, - and _")  # fmt: skip
        return name

    def _preferred(self, entry: Mapping[str, Any], at: Path_) -> Rule:
        self.require("use" in entry and "instead_of" in entry, at,
                     "a term needs “use” and “instead_of”")  # fmt: skip
        use = self.text(entry["use"], (*at, "use"), "use")
        instead_of = self.texts(entry["instead_of"], (*at, "instead_of"), "instead_of")
        as_verb = entry.get("as_verb", False)
        self.require(isinstance(as_verb, bool), (*at, "as_verb"), "“as_verb” must be true or false")
        default = "Use “{use}” instead of “{term}”."
        message = self.text(entry.get("message", default), (*at, "message"), "message")
        name = self._name(entry, at, use)
        info = guide_info(name, f"Use “{use}”, not {_listed(instead_of)}.",
                          term_examples(use, instead_of[0], as_verb))  # fmt: skip
        return PreferredTermRule(info, use, instead_of, message, as_verb)

    def _banned(self, entry: Mapping[str, Any], at: Path_) -> Rule:
        self.require(("term" in entry) != ("terms" in entry), at,
                     "a banned entry needs “term” or “terms” (one of them)")  # fmt: skip
        key = "term" if "term" in entry else "terms"
        terms = self.texts(entry[key], (*at, key), key)
        self.require("message" in entry, at, "a banned entry needs a “message” saying why")
        message = self.text(entry["message"], (*at, "message"), "message")
        name = self._name(entry, at, terms[0])
        info = guide_info(name, message, banned_examples(terms[0]))
        return BannedTermRule(info, terms, message)

    def _capitalization(self, entry: Mapping[str, Any], at: Path_) -> Rule:
        self.require("term" in entry, at, "a capitalization entry needs a “term”")
        term = self.text(entry["term"], (*at, "term"), "term")
        name = self._name(entry, at, term)
        info = guide_info(name, f"Write “{term}” exactly so.", capitalization_examples(term))
        return CapitalizationRule(info, term)


def _note_lines(node: yaml.Node, at: Path_, lines: dict[Path_, int]) -> None:
    """Record the line of every path of the document; refuse a key given twice (YAML
    would silently keep the last)."""
    lines[at] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            if key in seen:
                raise GuideError(f"line {key_node.start_mark.line + 1}: “{key}” appears twice")
            seen.add(key)
            _note_lines(value_node, (*at, key), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _note_lines(item, (*at, index), lines)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "term"


def _listed(terms: tuple[str, ...]) -> str:
    return ", ".join(f"“{term}”" for term in terms)


def _dotted(at: Path_) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in at)
