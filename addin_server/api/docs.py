"""Attach OpenAPI documentation to view functions, read back by ``api.openapi``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from marshmallow import Schema

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True)
class EndpointDoc:
    """How one endpoint is documented."""

    summary: str
    tag: str
    request: type[Schema] | None = None
    request_mime: str = "application/json"
    response: type[Schema] | None = None
    many: bool = False
    response_mime: str = "application/json"
    other_mimes: tuple[str, ...] = ()  # the answer as server-sent events too
    errors: tuple[int, ...] = ()
    query: type[Schema] | None = None  # query parameters, one per field
    no_content: bool = False  # answers 204 instead of 200
    redirect: str = ""  # answers 302 instead of 200: where to
    extra_responses: dict[int, str] = field(default_factory=dict)


def documented(**kwargs: Any) -> Callable[[View], View]:
    """Record an :class:`EndpointDoc` on the decorated view."""
    operation = EndpointDoc(**kwargs)

    def attach(view: View) -> View:
        view.openapi = operation  # type: ignore[attr-defined]
        return view

    return attach
