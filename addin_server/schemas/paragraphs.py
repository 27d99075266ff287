"""Schemas of ``POST /v1/check/paragraphs``: checking as you write."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from addin_server.schemas.check import CacheUseSchema, CheckOptionsSchema
from addin_server.schemas.common import (
    DEGRADED,
    ENGINE_ANSWERED,
    UI_LANGUAGE_ANSWERED,
    WARNINGS,
    IssueSchema,
    RangeSchema,
)
from addin_server.schemas.provenance import ProvenanceSchema

PARAGRAPH_ID = fields.String(
    required=True,
    validate=validate.Length(min=1, max=200),
    metadata={
        "description": "The host's own id of the paragraph (Word's uniqueLocalId, a Docs "
        "path, a line's id), returned as given."
    },
)


class ParagraphSchema(Schema):
    """One paragraph to check."""

    id = PARAGRAPH_ID
    text = fields.String(required=True, metadata={"description": "The paragraph's text."})


class ParagraphsRequestSchema(CheckOptionsSchema):
    """The paragraphs that changed, and how to check them (as ``POST /v1/check``)."""

    paragraphs = fields.List(
        fields.Nested(ParagraphSchema),
        required=True,
        metadata={
            "description": "Paragraphs to check, each on its own; ids are unique. At most "
            "ADDIN_LIVE_MAX_PARAGRAPHS paragraphs and ADDIN_LIVE_MAX_CHARS characters. "
            "An empty list is valid."
        },
    )


class ParagraphIssuesSchema(Schema):
    """What the check of one paragraph found; offsets count from the paragraph's start."""

    id = PARAGRAPH_ID
    issues = fields.List(fields.Nested(IssueSchema), required=True)
    incomplete = fields.Boolean(
        required=True,
        metadata={"description": "True when part of the paragraph was not checked: send it again."},
    )
    unprocessed = fields.List(fields.Nested(RangeSchema), required=True)


class ParagraphsResponseSchema(Schema):
    """Issues per paragraph id, in the order the paragraphs were sent."""

    paragraphs = fields.List(fields.Nested(ParagraphIssuesSchema), required=True)
    language = fields.String(required=True)
    engine = ENGINE_ANSWERED
    degraded = DEGRADED
    ui_language = UI_LANGUAGE_ANSWERED
    warnings = WARNINGS
    incomplete = fields.Boolean(
        required=True, metadata={"description": "True when some paragraph was not all checked."}
    )
    provenance = fields.Nested(ProvenanceSchema, required=True)
    cache = fields.Nested(
        CacheUseSchema,
        required=True,
        allow_none=True,
        metadata={
            "description": "How the paragraph cache served the batch, all paragraphs together; "
            "null when it was not used (ADDIN_CACHE_MB=0, or a model engine answered)."
        },
    )
