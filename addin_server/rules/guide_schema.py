"""The style guide's format, as marshmallow schemas: one definition validates the YAML file
(``ADDIN_STYLE_GUIDE``) and a request's ``style_guide``, and documents the latter in
``/openapi.json``; a request's errors name the field as every other field's do.

Only the limits differ: a file may hold thousands of entries, a request fifty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from marshmallow import (
    Schema,
    ValidationError,
    fields,
    post_load,
    pre_load,
    validate,
    validates_schema,
)

# A field's place in the guide: ("terms", 0, "use").
FieldPath = tuple[str | int, ...]
SECTIONS = ("terms", "banned", "capitalization")
_NAME = r"^[a-z0-9][a-z0-9_-]*$"


@dataclass(frozen=True, slots=True)
class Limits:
    """How large a guide may be."""

    entries: int
    terms_per_entry: int
    chars: int


FILE_LIMITS = Limits(entries=5_000, terms_per_entry=100, chars=200)
REQUEST_LIMITS = Limits(entries=50, terms_per_entry=20, chars=100)


@dataclass(frozen=True, slots=True)
class TermEntry:
    """Use ``use`` instead of each of ``instead_of`` (only as a verb if ``as_verb``)."""

    use: str
    instead_of: tuple[str, ...]
    as_verb: bool
    message: str | None  # the guide's own words; None: ours (guide.prefer), translated
    name: str | None


@dataclass(frozen=True, slots=True)
class BannedEntry:
    """Do not use ``terms``; ``message`` says why."""

    terms: tuple[str, ...]
    message: str
    name: str | None


@dataclass(frozen=True, slots=True)
class CapitalizationEntry:
    """Write ``term`` exactly so."""

    term: str
    name: str | None


Entry = TermEntry | BannedEntry | CapitalizationEntry


@dataclass(frozen=True, slots=True)
class Guide:
    """A valid guide's entries in order (terms, banned, capitalization), each with its path."""

    entries: tuple[tuple[FieldPath, Entry], ...]


class _Text(fields.String):
    """A non-empty text, its runs of white space read as one space."""

    def __init__(self, chars: int, *extra: validate.Validator, **kwargs: Any) -> None:
        length = validate.Length(
            min=1, max=chars, error=f"Must be a non-empty text of at most {chars} characters."
        )
        super().__init__(validate=[length, *extra], **kwargs)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        return " ".join(super()._deserialize(value, attr, data, **kwargs).split())


class _Terms(fields.List[str]):
    """One text, or a list of them."""

    def __init__(self, limits: Limits, **kwargs: Any) -> None:
        most = limits.terms_per_entry
        super().__init__(
            _Text(limits.chars),
            validate=validate.Length(min=1, max=most, error=f"Give 1 to {most} terms."),
            error_messages={"invalid": "Must be a text or a list of texts."},
            **kwargs,
        )

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        listed = [value] if isinstance(value, str) else value
        return tuple(super()._deserialize(listed, attr, data, **kwargs))


def _errors(unknown: str, wrong_type: str = "Must be a mapping.") -> dict[str, str]:
    return {"unknown": unknown, "type": wrong_type}


def guide_schema(limits: Limits) -> Schema:
    """The schema of a guide within ``limits``; it loads a :class:`Guide`."""

    def rule_name() -> _Text:
        lowercase = validate.Regexp(
            _NAME, error="May hold only lowercase letters, digits, - and _."
        )
        described = {"description": "The rule id is guide.<name>."}
        return _Text(limits.chars, lowercase, load_default=None, metadata=described)

    class GuideTermSchema(Schema):
        """Use one term instead of others; the fix keeps the replaced term's case."""

        error_messages = _errors("Unknown field; use use, instead_of, as_verb, message or name.")
        use = _Text(limits.chars, required=True)
        instead_of = _Terms(limits, required=True)
        as_verb = fields.Boolean(
            truthy={True},
            falsy={False},
            load_default=False,
            error_messages={"invalid": "Must be true or false."},
            metadata={"description": "Only where the term stands as a verb (“please login”)."},
        )
        message = _Text(
            limits.chars,
            load_default=None,
            metadata={
                "description": "{term} and {use} are filled in. Without one, ours (“Use "
                "“{use}” instead of “{term}”.”), in the writer's language."
            },
        )
        name = rule_name()

        @post_load
        def _entry(self, data: dict[str, Any], **_: Any) -> TermEntry:
            return TermEntry(**data)

    class GuideBannedSchema(Schema):
        """A term not to use, and why (no fix is offered)."""

        error_messages = _errors("Unknown field; use term or terms, message or name.")
        term = _Terms(limits)
        terms = _Terms(limits)
        message = _Text(
            limits.chars,
            required=True,
            error_messages={"required": "Say why the term is banned."},
        )
        name = rule_name()

        @validates_schema
        def _one_of_term_and_terms(self, data: dict[str, Any], **_: Any) -> None:
            if ("term" in data) == ("terms" in data):
                raise ValidationError("Give “term” or “terms”, one of them.")

        @post_load
        def _entry(self, data: dict[str, Any], **_: Any) -> BannedEntry:
            terms = data.get("term") or data["terms"]
            return BannedEntry(terms, data["message"], data["name"])

    class GuideCapitalizationSchema(Schema):
        """A name written exactly so ("Github" becomes "GitHub")."""

        error_messages = _errors("Unknown field; use term or name.")
        term = _Text(limits.chars, required=True)
        name = rule_name()

        @post_load
        def _entry(self, data: dict[str, Any], **_: Any) -> CapitalizationEntry:
            return CapitalizationEntry(**data)

    def section(schema: type[Schema], description: str) -> fields.List[Entry]:
        return fields.List(
            fields.Nested(schema),
            load_default=None,
            allow_none=True,
            validate=validate.Length(max=limits.entries),
            error_messages={"invalid": "Must be a list."},
            metadata={"description": description},
        )

    class StyleGuideSchema(Schema):
        """An organisation's style guide, as in ADDIN_STYLE_GUIDE's YAML."""

        error_messages = _errors(
            "Unknown section; use terms, banned or capitalization.",
            "The guide must be a mapping of sections.",
        )
        terms = section(GuideTermSchema, "Use one term instead of others.")
        banned = section(GuideBannedSchema, "Terms not to use, and why.")
        capitalization = section(GuideCapitalizationSchema, "Names written exactly so.")
        name = fields.String(metadata={"description": "The guide's name (not used)."})

        @pre_load
        def _not_too_many(self, data: Any, **_: Any) -> Any:
            # Counted before any entry is validated: a long list would take seconds.
            if isinstance(data, Mapping):
                lists = [data.get(key) for key in SECTIONS]
                if sum(len(each) for each in lists if isinstance(each, list)) > limits.entries:
                    raise ValidationError(f"The guide has more than {limits.entries} entries.")
            return data

        @post_load
        def _guide(self, data: dict[str, Any], **_: Any) -> Guide:
            return Guide(
                tuple(
                    ((key, index), entry)
                    for key in SECTIONS
                    for index, entry in enumerate(data.get(key) or ())
                )
            )

    return StyleGuideSchema()


def first_error(messages: Any, at: FieldPath = ()) -> tuple[FieldPath, str]:
    """The first of marshmallow's nested error ``messages``, and the path of its field."""
    if isinstance(messages, Mapping):
        key, inner = next(iter(messages.items()))
        return first_error(inner, at if key == "_schema" else (*at, key))
    if isinstance(messages, list) and messages:
        return first_error(messages[0], at)
    return at, str(messages)
