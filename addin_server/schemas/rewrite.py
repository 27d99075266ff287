"""Schemas of ``POST /v1/rewrite``, ``GET /v1/tones`` and ``POST /v1/improve``."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from addin_server.engines.base import Length
from addin_server.schemas.check import CheckRequestSchema, StatsSchema
from addin_server.schemas.common import (
    ENGINE_CHOICE,
    LANGUAGE_TAG,
    MARKUP_FORMAT,
    UI_LANGUAGE,
    UI_LANGUAGE_ANSWERED,
    EditSchema,
    IssueSchema,
    OutcomeSchema,
)
from addin_server.schemas.provenance import ProvenanceSchema
from addin_server.tones import TONE_NAMES


class RewriteFieldsSchema(Schema):
    """How to rewrite: tone, sliders and an instruction of the writer's own."""

    tone = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(TONE_NAMES),
        metadata={"description": "One of GET /v1/tones; none for a plain clean-up."},
    )
    formality = fields.Integer(load_default=0, validate=validate.Range(-2, 2))
    length = fields.String(load_default="same", validate=validate.OneOf([x.value for x in Length]))
    instruction = fields.String(load_default="", validate=validate.Length(max=300))
    stream = fields.Boolean(
        load_default=False, metadata={"description": "Answer with server-sent events."}
    )
    ui_language = UI_LANGUAGE


class RewriteRequestSchema(RewriteFieldsSchema):
    """A text to rewrite."""

    text = fields.String(required=True)
    language = fields.String(load_default=None, validate=LANGUAGE_TAG)
    format = MARKUP_FORMAT
    engine = ENGINE_CHOICE


class RewriteResponseSchema(OutcomeSchema):
    """The rewrite and the word-level edits from the original to it."""

    rewritten = fields.String(required=True)
    edits = fields.List(fields.Nested(EditSchema), required=True)
    provenance = fields.Nested(ProvenanceSchema, required=True)


class ToneSchema(Schema):
    """A tone a rewrite can take."""

    name = fields.String(required=True)
    description = fields.String(required=True)


class TonesResponseSchema(Schema):
    """Every tone, in the order the picker shows them."""

    tones = fields.List(fields.Nested(ToneSchema), required=True)
    ui_language = UI_LANGUAGE_ANSWERED


class ImproveRequestSchema(CheckRequestSchema, RewriteFieldsSchema):
    """The task pane's one click: check the text and preview a rewrite."""


class RewritePreviewSchema(Schema):
    """The rewrite part of an improve answer."""

    rewritten = fields.String(required=True)
    edits = fields.List(fields.Nested(EditSchema), required=True)


class ImproveResponseSchema(OutcomeSchema):
    """Issues and a rewrite preview in one answer."""

    issues = fields.List(fields.Nested(IssueSchema), required=True)
    rewrite = fields.Nested(RewritePreviewSchema, required=True)
    language = fields.String(required=True)
    stats = fields.Nested(StatsSchema, required=True)
    provenance = fields.Nested(ProvenanceSchema, required=True)
