"""``POST /v1/tokens``: how many tokens a selection has and in how many parts it will go."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.api.parsing import json_body, require_text_within_limit
from addin_server.api.presenters import range_json
from addin_server.schemas.tokens import TokensRequestSchema, TokensResponseSchema
from addin_server.services import services
from addin_server.text.budget import OperationKind
from addin_server.text.offsets import Utf16Index, replace_lone_surrogates

blueprint = Blueprint("tokens", __name__)
_request_schema = TokensRequestSchema()


@blueprint.post("/v1/tokens")
@documented(
    summary="Count a text's tokens and show the chunks it will be processed in.",
    tag="tokens",
    request=TokensRequestSchema,
    response=TokensResponseSchema,
    errors=(400, 413, 415, 422),
)
def tokens() -> ResponseReturnValue:
    """Return the token count, the chunk budget and the chunks of the posted text."""
    payload = json_body(_request_schema)
    text = replace_lone_surrogates(require_text_within_limit(payload["text"]))
    result = services().plan_tokens(text, OperationKind(payload["operation"]), payload["model"])
    index = Utf16Index(text)
    return jsonify(
        {
            "tokens": result.tokens,
            "encoding": result.encoding,
            "context_tokens": result.context_tokens,
            "budget": result.budget,
            "chunks": [
                {**range_json(index, chunk.span), "tokens": chunk.tokens} for chunk in result.chunks
            ],
        }
    )
