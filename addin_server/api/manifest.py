"""``GET /manifest.xml``: the Word add-in's manifest for this deployment, to sideload by URL."""

from __future__ import annotations

from flask import Blueprint, Response, request
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.install import office
from addin_server.services import services

blueprint = Blueprint("manifest", __name__)


@blueprint.get("/manifest.xml")
@documented(
    summary="The Word add-in's XML manifest for this server (ADDIN_PUBLIC_URL, else the "
    "request's own scheme and host).",
    tag="install",
    response_mime="application/xml",
)
def manifest() -> ResponseReturnValue:
    """Render the manifest for the configured public URL or the URL this request came to."""
    url = services().settings.public_url or request.url_root
    return Response(
        office.render(url),
        mimetype="application/xml",
        headers={"Content-Disposition": "inline; filename=manifest.xml"},
    )
