"""The add-ins' manifests for this deployment, to sideload by URL: Word's ``/manifest.xml`` and
Outlook's ``/manifest-outlook.xml``, with the send check's page and script it points at."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache
from urllib.parse import urlsplit

from flask import Blueprint, Response, request
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.api.taskpane import with_office_js, with_page_headers
from addin_server.errors import ApiError
from addin_server.install import office, outlook
from addin_server.install.certs import certificate_names
from addin_server.install.urls import covers
from addin_server.services import services

blueprint = Blueprint("manifest", __name__)
log = logging.getLogger(__name__)
_warned: set[str] = set()  # hosts already warned of, once per process


class ManifestNeedsHttps(ApiError):
    """This server has no HTTPS address to put in the manifest, which Office would refuse."""

    status, title, slug = 409, "The manifest needs an HTTPS address", "manifest-needs-https"


def _public_url() -> str:
    """ADDIN_PUBLIC_URL, else the scheme and host this request came to."""
    return services().settings.tls.public_url or request.url_root


@blueprint.get("/manifest.xml")
@documented(
    summary="The Word add-in's XML manifest for this server (ADDIN_PUBLIC_URL, else the "
    "request's own scheme and host); 409 when that address is not HTTPS.",
    tag="install",
    response_mime="application/xml",
    errors=(409,),
)
def manifest() -> ResponseReturnValue:
    """Render the manifest for the configured public URL or the URL this request came to."""
    return _manifest(office.render, office.manifest_id, "manifest.xml")


@blueprint.get("/manifest-outlook.xml")
@documented(
    summary="The Outlook add-in's XML manifest (a MailApp: the pane while composing, and the "
    "check on Send) for this server's https:// address (ADDIN_PUBLIC_URL, else the request's).",
    tag="install",
    response_mime="application/xml",
    errors=(409,),
)
def manifest_outlook() -> ResponseReturnValue:
    """Render the Outlook manifest; 409 when this server is reached over plain HTTP."""
    return _manifest(outlook.render, outlook.manifest_id, "manifest-outlook.xml")


def _manifest(render: Callable[..., str], derive_id: Callable[..., str], filename: str) -> Response:
    """A manifest rendered for this server's address, its Id the same whichever of the
    server's names was asked (:func:`addin_server.install.office.manifest_id`); 409 when
    that address is not HTTPS."""
    url, cert = _public_url(), services().settings.tls.tls_cert
    names = _names(cert) if cert else ()
    try:
        xml = render(url, addin_id=derive_id(url, names))
    except ValueError as error:
        raise ManifestNeedsHttps(f"{error} (or set ADDIN_PUBLIC_URL to it)") from None
    host = urlsplit(url).hostname or ""
    if names and not covers(names, host) and host not in _warned:
        _warned.add(host)
        log.warning(
            "%s names %s, which the certificate %s does not cover (%s): Word will refuse it; "
            "run `addin-server certs --name %s` or set ADDIN_PUBLIC_URL",
            filename,
            host,
            cert,
            ", ".join(names),
            host,
        )
    return Response(
        xml,
        mimetype="application/xml",
        headers={"Content-Disposition": f"inline; filename={filename}"},
    )


@cache
def _names(cert: str) -> tuple[str, ...]:
    return certificate_names(cert)


@blueprint.get("/outlook/on-send.js")
@documented(
    summary="Outlook's check on Send, as the one script classic Outlook on Windows runs.",
    tag="install",
    response_mime="text/javascript",
)
def send_script() -> ResponseReturnValue:
    """The send check for this server's public URL."""
    response = Response(outlook.send_script(_public_url()), mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blueprint.get("/outlook/on-send.html")
@documented(
    summary="The page other Outlooks load to run the check on Send (never shown).",
    tag="install",
    response_mime="text/html",
)
def send_page() -> ResponseReturnValue:
    """Office.js, then the send check's script."""
    page = with_office_js(outlook.send_page())
    return with_page_headers(Response(page, mimetype="text/html"), "no-cache")
