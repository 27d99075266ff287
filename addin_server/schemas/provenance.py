"""Schema of the ``provenance`` object of answers that carry text an engine wrote."""

from __future__ import annotations

from marshmallow import Schema, fields


class ProvenanceSchema(Schema):
    """Who wrote the text of this answer; the pane records it in the writer's document when
    they accept the text. The server keeps nothing of it."""

    engine = fields.String(
        required=True,
        metadata={
            "description": "The engine that wrote the text: `llm` (the model) or `local`; "
            "after a model failure, the local engine that answered instead.",
            "example": "llm",
        },
    )
    model = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The model's name as this server calls it (ADDIN_LLM_MODEL), "
            "never its endpoint or key; null when no model wrote or checked anything.",
            "example": "gpt-4o-mini",
        },
    )
    prompt_version = fields.String(
        required=True,
        allow_none=True,
        metadata={
            "description": "The prompt the model ran, `name/vN` (addin_server/prompts); null "
            "for the local engine.",
            "example": "rewrite/v2",
        },
    )
    generated = fields.Boolean(
        required=True,
        metadata={"description": "Whether a model wrote the text (rewrite, ideas)."},
    )
    model_rules = fields.List(
        fields.String(),
        required=True,
        metadata={
            "description": "Issues with these rule ids carry replacements the model wrote "
            "(its deep check); empty when the model did not check.",
            "example": ["llm.grammar"],
        },
    )
