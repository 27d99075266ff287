"""Schemas of ``POST /v1/check``."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from addin_server.records import Category
from addin_server.rules.guide_schema import REQUEST_LIMITS, guide_schema
from addin_server.schemas.common import (
    ENGINE_CHOICE,
    LANGUAGE_TAG,
    MARKUP_FORMAT,
    UI_LANGUAGE,
    IssueSchema,
    OutcomeSchema,
)
from addin_server.schemas.provenance import ProvenanceSchema

WORD = fields.String(
    validate=[
        validate.Length(min=1, max=100),
        # A lone surrogate (half of an emoji's UTF-16 pair) is never part of a word.
        validate.Regexp(r"^[^\ud800-\udfff]*$", error="Contains a lone surrogate."),
    ]
)
RULE_ID = fields.String(validate=validate.Length(min=1, max=200))


class CheckOptionsSchema(Schema):
    """How to check: the fields a whole check and a batch of paragraphs share."""

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
        validate=validate.Length(max=50),
        metadata={"description": "Report only these categories; all when empty."},
    )
    format = MARKUP_FORMAT
    ui_language = UI_LANGUAGE
    style_guide = fields.Nested(
        guide_schema(REQUEST_LIMITS),
        load_default=None,
        allow_none=True,
        metadata={
            "description": "A style guide for this request only, as in ADDIN_STYLE_GUIDE's "
            f"YAML (at most {REQUEST_LIMITS.entries} entries)."
        },
    )


class CheckRequestSchema(CheckOptionsSchema):
    """What to check and how."""

    text = fields.String(required=True, metadata={"description": "The text to check."})
    engine = ENGINE_CHOICE


class StatsSchema(Schema):
    """Length and readability of the whole text."""

    words = fields.Integer(required=True)
    sentences = fields.Integer(required=True)
    characters = fields.Integer(
        required=True, metadata={"description": "User-perceived characters (graphemes)."}
    )
    syllables = fields.Integer(required=True)
    average_sentence_words = fields.Float(required=True)
    reading_time_seconds = fields.Integer(
        required=True, metadata={"description": "At 238 words a minute."}
    )
    flesch_reading_ease = fields.Float(
        required=True, allow_none=True, metadata={"description": "0-100, higher is easier."}
    )
    flesch_kincaid_grade = fields.Float(
        required=True, allow_none=True, metadata={"description": "US school grade."}
    )


class CacheUseSchema(Schema):
    """How the paragraph cache served the check."""

    paragraphs = fields.Integer(
        required=True, metadata={"description": "Paragraphs in the text, as the cache cuts it."}
    )
    from_cache = fields.Integer(
        required=True,
        metadata={
            "description": "Paragraphs answered from the cache: checked before, by any worker "
            "of this server, with the same options."
        },
    )


class CheckResponseSchema(OutcomeSchema):
    """The issues found, in document order, and the text's readability."""

    issues = fields.List(fields.Nested(IssueSchema), required=True)
    language = fields.String(required=True)
    stats = fields.Nested(StatsSchema, required=True)
    provenance = fields.Nested(ProvenanceSchema, required=True)
    cache = fields.Nested(
        CacheUseSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "null when the check did not use the paragraph cache "
            "(ADDIN_CACHE_MB=0, or a model engine answered)."
        },
    )
