"""Schemas of ``POST /v1/ideas``."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from addin_server.records import IdeaKind
from addin_server.schemas.common import ENGINE_CHOICE, LANGUAGE_TAG, UI_LANGUAGE, OutcomeSchema
from addin_server.schemas.provenance import ProvenanceSchema

KINDS = [kind.value for kind in IdeaKind]


class IdeasRequestSchema(Schema):
    """Which idea prompts to suggest for a text."""

    text = fields.String(required=True)
    kinds = fields.List(
        fields.String(validate=validate.OneOf(KINDS)),
        load_default=lambda: list(KINDS),
        validate=validate.Length(min=1, max=20),
    )
    count = fields.Integer(
        load_default=3, validate=validate.Range(1, 10), metadata={"description": "Per kind."}
    )
    language = fields.String(load_default=None, validate=LANGUAGE_TAG)
    engine = ENGINE_CHOICE
    ui_language = UI_LANGUAGE


class IdeaSchema(Schema):
    """One idea prompt."""

    kind = fields.String(required=True, validate=validate.OneOf(KINDS))
    title = fields.String(required=True)
    text = fields.String(required=True)


class IdeasResponseSchema(OutcomeSchema):
    """The ideas, grouped by kind in the order asked."""

    ideas = fields.List(fields.Nested(IdeaSchema), required=True)
    provenance = fields.Nested(ProvenanceSchema, required=True)
