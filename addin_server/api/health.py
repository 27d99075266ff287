"""Liveness, readiness and server information."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue

from addin_server import languages
from addin_server.api.docs import documented
from addin_server.schemas.health import HealthSchema, InfoSchema
from addin_server.services import services
from addin_server.version import __version__

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
@documented(summary="Liveness: the process answers.", tag="health", response=HealthSchema)
def healthz() -> ResponseReturnValue:
    """Answer 200 while the process serves requests."""
    return jsonify({"status": "ok"})


@blueprint.get("/readyz")
@documented(
    summary="Readiness: the engines are built (503 until they are); the model's reachability "
    "is reported without failing readiness.",
    tag="health",
    response=HealthSchema,
    extra_responses={503: "Still starting: an engine is not built yet."},
)
def readyz() -> ResponseReturnValue:
    """Answer 200 once the engines are built, 503 before; a model that is down is reported
    (``"llm": "unreachable"``) but the local engine still serves."""
    ready, checks = services().readiness()
    return jsonify({"status": "ready" if ready else "starting", "checks": checks}), (
        200 if ready else 503
    )


@blueprint.get("/v1/info")
@documented(summary="What this server is, runs and accepts.", tag="health", response=InfoSchema)
def info() -> ResponseReturnValue:
    """Version, engines, languages and limits."""
    app_services = services()
    settings = app_services.settings
    return jsonify(
        {
            "name": "Penwise",
            "version": __version__,
            "engines": sorted(app_services.engines),
            "default_engine": app_services.default_engine,
            "languages": [variant.code for variant in languages.ENGLISH_VARIANTS],
            "limits": {
                "max_text_chars": settings.request.max_text_chars,
                "max_body_bytes": settings.request.max_body_bytes,
            },
            # The task pane sends POST /v1/feedback only to servers that say they count it.
            "feedback": True,
            # What the pane's checking as you write starts with and may send at once.
            "live": {
                "mode": settings.live.live_check,
                "max_paragraphs": settings.live.live_max_paragraphs,
                "max_chars": min(settings.live.live_max_chars, settings.request.max_text_chars),
            },
            # Outlook's check on Send lets every mail go when the organisation turned it off.
            "send_check": settings.pane.outlook_send_check,
            # The pane offers Remove marks only where the organisation does not need them.
            "authorship": {"marks": settings.pane.authorship_marks},
        }
    )
