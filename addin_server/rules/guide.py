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

The format is defined once, as marshmallow schemas (:mod:`.guide_schema`); an invalid file is
refused with the line, the field and why, a request's guide like any other invalid field.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from marshmallow import ValidationError

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
from addin_server.rules.guide_schema import (
    FILE_LIMITS,
    BannedEntry,
    Entry,
    FieldPath,
    Guide,
    TermEntry,
    first_error,
    guide_schema,
)

_FILE_SCHEMA = guide_schema(FILE_LIMITS)


class GuideError(ValueError):
    """The style guide is invalid: ``reason`` says why, ``at`` names the field."""

    def __init__(self, reason: str, at: FieldPath = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.at = at

    def messages(self) -> dict[str | int, object]:
        """The reason in marshmallow's shape: nested by the field's path."""
        nested: object = [self.reason]
        for key in reversed(self.at):
            nested = {key: nested}
        return nested if isinstance(nested, dict) else {"_schema": nested}


def load_guide_file(path: Path) -> tuple[Rule, ...]:
    """Read, validate and build the rules of the YAML style guide at ``path``."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GuideError(f"cannot read the file: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise GuideError("the file is not UTF-8 text") from None
    lines: dict[FieldPath, int] = {}
    loader = yaml.SafeLoader(source)
    try:
        node = loader.get_single_node()
        if node is not None:
            _note_lines(node, (), lines)
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(error, "problem", None) or "not valid YAML"
        raise GuideError(f"{line}{problem}") from None
    finally:
        loader.dispose()
    if data is None:
        return ()
    try:
        return guide_rules(_FILE_SCHEMA.load(data))
    except ValidationError as error:
        at, reason = first_error(error.messages)
        raise _on_line(GuideError(reason, at), lines) from None
    except GuideError as error:
        raise _on_line(error, lines) from None


def _on_line(error: GuideError, lines: dict[FieldPath, int]) -> GuideError:
    """``error`` with the line of its field (or of the nearest enclosing one) and the field."""
    at = error.at
    while at and at not in lines:
        at = at[:-1]
    field = f"{_dotted(error.at)}: " if error.at else ""
    return GuideError(f"line {lines.get(at, 1)}: {field}{error.reason}", error.at)


def guide_rules(guide: Guide) -> tuple[Rule, ...]:
    """The rules of a validated guide, in order; :class:`GuideError` when two share an id."""
    rules: list[Rule] = []
    for at, entry in guide.entries:
        rule = _rule(entry)
        if any(other.info.id == rule.info.id for other in rules):
            name = rule.info.id.removeprefix("guide.")
            raise GuideError(
                f"Another entry is named “{name}”; give this one a “name” of its own.", at
            )
        rules.append(rule)
    return tuple(rules)


def _rule(entry: Entry) -> Rule:
    if isinstance(entry, TermEntry):
        info = guide_info(
            entry.name or _slug(entry.use),
            f"Use “{entry.use}”, not {_listed(entry.instead_of)}.",
            term_examples(entry.use, entry.instead_of[0], entry.as_verb),
        )
        return PreferredTermRule(info, entry.use, entry.instead_of, entry.message, entry.as_verb)
    if isinstance(entry, BannedEntry):
        name = entry.name or _slug(entry.terms[0])
        info = guide_info(name, entry.message, banned_examples(entry.terms[0]))
        return BannedTermRule(info, entry.terms, entry.message)
    info = guide_info(
        entry.name or _slug(entry.term),
        f"Write “{entry.term}” exactly so.",
        capitalization_examples(entry.term),
    )
    return CapitalizationRule(info, entry.term)


def _note_lines(node: yaml.Node, at: FieldPath, lines: dict[FieldPath, int]) -> None:
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


def _dotted(at: FieldPath) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in at).lstrip(".")
