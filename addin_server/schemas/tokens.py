"""Schemas of ``POST /v1/tokens``."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from addin_server.schemas.common import RangeSchema
from addin_server.text.budget import OperationKind


class TokensRequestSchema(Schema):
    """The text to count, and what it will be used for."""

    text = fields.String(required=True, metadata={"description": "The selection to count."})
    model = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.Length(min=1, max=200),
        metadata={
            "description": "Model name (gpt-4o, gpt-4.1-mini, llama3, ...); a name the server "
            "does not know uses ADDIN_ENCODING and ADDIN_CONTEXT_TOKENS."
        },
    )
    operation = fields.String(
        load_default=OperationKind.REWRITE.value,
        validate=validate.OneOf([kind.value for kind in OperationKind]),
        metadata={"description": "check, rewrite or ideas: each leaves its answer room."},
    )


class TokenChunkSchema(RangeSchema):
    """One part the text will be processed in."""

    tokens = fields.Integer(required=True)


class TokensResponseSchema(Schema):
    """The text's token count and the parts it will be processed in."""

    tokens = fields.Integer(required=True, metadata={"description": "Tokens in the whole text."})
    encoding = fields.String(required=True, metadata={"example": "o200k_base"})
    context_tokens = fields.Integer(
        required=True, metadata={"description": "The model's context window, in tokens."}
    )
    budget = fields.Integer(
        required=True, metadata={"description": "Most tokens one chunk may have."}
    )
    chunks = fields.List(fields.Nested(TokenChunkSchema), required=True)
