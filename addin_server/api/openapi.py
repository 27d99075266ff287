"""``GET /openapi.json``: an OpenAPI 3.1 document built from the views' schemas."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import Blueprint, Flask, current_app, jsonify
from flask.typing import ResponseReturnValue

from addin_server.api.docs import EndpointDoc, documented
from addin_server.schemas.common import ProblemSchema
from addin_server.security import requires_key
from addin_server.version import __version__

blueprint = Blueprint("openapi", __name__)

_ERROR_TEXT = {
    400: "Malformed request.",
    404: "No such file.",
    413: "Body or text too large.",
    415: "Wrong content type.",
    422: "Invalid fields; `errors` says which.",
    503: "The model failed and no other engine could answer.",
}
# Enforced only when the server has keys (ADDIN_API_KEYS or ADDIN_API_KEYS_FILE).
_SECURITY: list[dict[str, list[str]]] = [{"bearer": []}, {"apiKey": []}]
_UNAUTHORIZED = {
    "description": "No valid API key, when the server has keys; LanguageTool clients may "
    "send the key as the apiKey form field instead.",
    "content": {"application/problem+json": {"schema": "Problem"}},
}


@blueprint.get("/openapi.json")
@documented(summary="This API's OpenAPI 3.1 description.", tag="health")
def openapi_json() -> ResponseReturnValue:
    """Return the OpenAPI document of every endpoint of this app."""
    return jsonify(_spec_for(current_app._get_current_object()))  # type: ignore[attr-defined]


@cache
def _spec_for(app: Flask) -> dict[str, Any]:
    return build_spec(app)


def build_spec(app: Flask) -> dict[str, Any]:
    """Build the OpenAPI document from the routes of ``app`` and their :class:`EndpointDoc`."""
    spec = APISpec(
        title="Penwise",
        version=__version__,
        openapi_version="3.1.0",
        plugins=[MarshmallowPlugin()],
        info={"description": "Grammar, style and idea help for Word and Google Docs add-ins."},
    )
    spec.components.schema("Problem", schema=ProblemSchema)
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.security_scheme(
        "apiKey", {"type": "apiKey", "in": "header", "name": "X-API-Key"}
    )
    for rule in sorted(app.url_map.iter_rules(), key=lambda rule: rule.rule):
        view = app.view_functions.get(rule.endpoint)
        operation: EndpointDoc | None = getattr(view, "openapi", None)
        if operation is None:
            continue
        methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
        path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
        operations = {m.lower(): _operation(operation) for m in methods}
        parameters = [
            {"in": "path", "name": name, "required": True, "schema": {"type": "string"}}
            for name in re.findall(r"{([^{}]+)}", path)
        ]
        for item in operations.values():
            if parameters:
                item["parameters"] = parameters
        if requires_key(rule.rule):
            for item in operations.values():
                item["security"] = _SECURITY
                item["responses"][401] = _UNAUTHORIZED
        spec.path(path=path, operations=operations)
    return spec.to_dict()


# One server-sent event: its name and its data (JSON text).
_SSE_EVENT = {
    "type": "object",
    "properties": {"event": {"type": "string"}, "data": {"type": "string"}},
}


def _operation(operation: EndpointDoc) -> dict[str, Any]:
    responses: dict[Any, Any] = {}
    if operation.response is not None:
        schema: Any = operation.response
        if operation.many:
            schema = {"type": "array", "items": operation.response}
        responses[200] = {
            "description": "OK",
            "content": {
                operation.response_mime: {"schema": schema},
                # Other forms of the answer (server-sent events), described in the summary.
                **{mime: {"schema": _SSE_EVENT} for mime in operation.other_mimes},
            },
        }
    elif operation.no_content:
        responses[204] = {"description": "Done; no content."}
    elif operation.redirect:
        responses[302] = {
            "description": operation.redirect,
            "headers": {"Location": {"schema": {"type": "string"}}},
        }
    else:
        responses[200] = {"description": "OK"}
    for status, text in operation.extra_responses.items():
        responses[status] = {"description": text}
    for status in operation.errors:
        responses[status] = {
            "description": _ERROR_TEXT.get(status, "Error."),
            "content": {"application/problem+json": {"schema": "Problem"}},
        }
    result: dict[str, Any] = {
        "summary": operation.summary,
        "tags": [operation.tag],
        "responses": responses,
    }
    if operation.query is not None:
        result["parameters"] = [{"in": "query", "schema": operation.query}]
    if operation.request is not None:
        result["requestBody"] = {
            "required": True,
            "content": {operation.request_mime: {"schema": operation.request}},
        }
    return result
