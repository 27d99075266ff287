"""Schemas shared by several endpoints: problems, warnings, issues, language tags."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from addin_server.records import Category, Severity

LANGUAGE_TAG = validate.Regexp(
    r"^(auto|[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*)$",
    error="Not a language tag; use one such as en-US, en-GB or auto.",
)


UI_LANGUAGE = fields.String(
    load_default=None,
    validate=LANGUAGE_TAG,
    metadata={
        "description": "The writer's interface language (en, zh-CN): the language of the "
        "answer's messages. Without it, Accept-Language chooses; failing both, English. "
        "Replacements stay as they are: they are text for the document.",
        "example": "zh-CN",
    },
)
UI_LANGUAGE_ANSWERED = fields.String(
    required=True,
    metadata={"description": "The language the messages were asked in.", "example": "zh-CN"},
)
MESSAGE_LANGUAGE = fields.String(
    required=True,
    metadata={
        "description": "The language this message is in: the one asked for, or en where "
        "the message tables have no translation of it yet.",
        "example": "zh-CN",
    },
)


class ProblemSchema(Schema):
    """An RFC 9457 problem document; ``errors`` maps fields to messages on a 422."""

    type = fields.String(
        required=True, metadata={"example": "urn:penwise:problem:validation-failed"}
    )
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String(required=True)
    errors = fields.Dict(keys=fields.String(), values=fields.Raw())
    request_id = fields.String(
        metadata={"description": "This request's id (X-Request-ID): quote it when reporting."}
    )


class NoticeSchema(Schema):
    """A warning that goes with an answer."""

    code = fields.String(required=True, metadata={"example": "language-not-checked"})
    message = fields.String(required=True)
    message_language = MESSAGE_LANGUAGE


class RangeSchema(Schema):
    """A range of the text, in code points and in UTF-16 units."""

    offset = fields.Integer(required=True)
    length = fields.Integer(required=True)
    utf16_offset = fields.Integer(required=True)
    utf16_length = fields.Integer(required=True)


class EditSchema(RangeSchema):
    """Replace the range (in the original text) with ``replacement``."""

    original = fields.String(required=True, metadata={"description": "The text replaced."})
    replacement = fields.String(required=True)


# Which engine answered, whether it was a fallback, and what it warns of: every answer's.
ENGINE_ANSWERED = fields.String(required=True, metadata={"example": "local"})
DEGRADED = fields.Boolean(
    required=True, metadata={"description": "True when a fallback engine answered."}
)
WARNINGS = fields.List(fields.Nested(NoticeSchema), required=True)


class OutcomeSchema(Schema):
    """Fields every operation's answer carries: which engine answered and how completely."""

    engine = ENGINE_ANSWERED
    degraded = DEGRADED
    ui_language = UI_LANGUAGE_ANSWERED
    warnings = WARNINGS
    incomplete = fields.Boolean(
        required=True, metadata={"description": "True when part of the text was not processed."}
    )
    unprocessed = fields.List(fields.Nested(RangeSchema), required=True)


MARKUP_FORMAT = fields.String(
    load_default="plain",
    validate=validate.OneOf(["plain", "markdown"]),
    metadata={
        "description": "plain (Word and Docs selections) or markdown: code, links, emphasis, "
        "headings and list markers are neither checked nor rewritten."
    },
)
ENGINE_CHOICE = fields.String(
    load_default="auto",
    validate=validate.OneOf(["auto", "local", "llm"]),
    metadata={"description": "auto: the model when one is configured, else local."},
)


class IssueSchema(Schema):
    """One issue, located in code points and in UTF-16 code units."""

    id = fields.String(
        required=True, metadata={"description": "Stable id of this issue in this text."}
    )
    rule_id = fields.String(required=True, metadata={"example": "harper.SpellCheck"})
    category = fields.String(required=True, validate=validate.OneOf([c.value for c in Category]))
    kind = fields.String(required=True, metadata={"example": "spelling"})
    message = fields.String(required=True)
    message_id = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The message's stable id in the message tables; null for words "
            "that are not ours (a model's, a style guide's, a Harper message we have no "
            "template for).",
            "example": "harper.SpellCheck",
        },
    )
    message_language = MESSAGE_LANGUAGE
    text = fields.String(required=True, metadata={"description": "The flagged text."})
    offset = fields.Integer(required=True, metadata={"description": "Start, in code points."})
    length = fields.Integer(required=True, metadata={"description": "Length, in code points."})
    utf16_offset = fields.Integer(
        required=True, metadata={"description": "Start, in UTF-16 units."}
    )
    utf16_length = fields.Integer(
        required=True, metadata={"description": "Length, in UTF-16 units."}
    )
    replacements = fields.List(fields.String(), required=True)
    severity = fields.String(required=True, validate=validate.OneOf([s.value for s in Severity]))
