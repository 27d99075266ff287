"""Schemas of ``POST /v1/check``."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from addin_server.records import Category
from addin_server.schemas.common import ENGINE_CHOICE, LANGUAGE_TAG, IssueSchema, OutcomeSchema

WORD = fields.String(validate=validate.Length(min=1, max=100))
RULE_ID = fields.String(validate=validate.Length(min=1, max=200))


class CheckRequestSchema(Schema):
    """What to check and how."""

    text = fields.String(required=True, metadata={"description": "The text to check."})
    language = fields.String(
        load_default=None,
        validate=LANGUAGE_TAG,
        metadata={"description": "Language tag; the server's default (en-US) when absent."},
    )
    dictionary = fields.List(
        WORD,
        load_default=list,
        validate=validate.Length(max=10_000),
        metadata={"description": "Words the writer has added; they apply to this request only."},
    )
    disabled_rules = fields.List(RULE_ID, load_default=list, validate=validate.Length(max=1_000))
    categories = fields.List(
        fields.String(validate=validate.OneOf([c.value for c in Category])),
        load_default=list,
        metadata={"description": "Report only these categories; all when empty."},
    )
    format = fields.String(
        load_default="plain",
        validate=validate.OneOf(["plain", "markdown"]),
        metadata={"description": "plain (Word and Docs selections) or markdown."},
    )
    engine = ENGINE_CHOICE


class CheckResponseSchema(OutcomeSchema):
    """The issues found, in document order."""

    issues = fields.List(fields.Nested(IssueSchema), required=True)
    language = fields.String(required=True)
