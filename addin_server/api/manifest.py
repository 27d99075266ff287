"""``GET /manifest.xml``: the Word add-in's manifest for this deployment, to sideload by URL."""

from __future__ import annotations

from flask import Blueprint, Response, request
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.errors import ApiError
from addin_server.install import office
from addin_server.services import services

blueprint = Blueprint("manifest", __name__)


class ManifestNeedsHttps(ApiError):
    """This server has no HTTPS address to put in the manifest, which Office would refuse."""

    status, title, slug = 409, "The manifest needs an HTTPS address", "manifest-needs-https"


@blueprint.get("/manifest.xml")
@documented(
    summary="The Word add-in's XML manifest for this server (ADDIN_PUBLIC_URL, else the "
    "request's own scheme and host); 409 when that address is not HTTPS.",
    tag="install",
    response_mime="application/xml",
)
def manifest() -> ResponseReturnValue:
    """Render the manifest for the configured public URL or the URL this request came to."""
    url = services().settings.public_url or request.url_root
    try:
        xml = office.render(url)
    except ValueError as error:
        raise ManifestNeedsHttps(f"{error} (or set ADDIN_PUBLIC_URL to it)") from None
    return Response(
        xml,
        mimetype="application/xml",
        headers={"Content-Disposition": "inline; filename=manifest.xml"},
    )
