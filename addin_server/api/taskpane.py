"""The task pane's static files at ``/taskpane/``, from the same origin as the API.

``/taskpane/`` is the page every host opens (``?host=word|outlook|gdocs|browser``). Its modules are
served twice: under ``/taskpane/`` with revalidation, and under ``/taskpane/v/<digest>/``,
where the digest names the files' content, so they can be cached for a year; the page points
at the versioned copies, and relative imports between modules stay inside that version.
"""

from __future__ import annotations

import hashlib
import mimetypes
from functools import cache
from pathlib import Path

from flask import Blueprint, Response, abort, redirect, request, send_from_directory, url_for
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.assets import taskpane_dir

blueprint = Blueprint("taskpane", __name__)

OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js"
# Office.js loads from Microsoft's CDNs; Office on the web injects inline styles into the
# pane and frames it from several Microsoft hosts (office-js issues 1005 and 1687), so
# style-src allows inline styles and frame-ancestors lists every host Office frames from.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' https://appsforoffice.microsoft.com https://ajax.aspnetcdn.com",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-ancestors 'self' https://*.officeapps.live.com https://*.office.com "
        "https://*.office365.com https://*.microsoft365.com https://*.cloud.microsoft "
        "https://*.sharepoint.com https://*.live.com https://*.microsoft.com",
    )
)
YEAR = 365 * 24 * 3600
# JavaScript modules must be served as JavaScript, whatever the platform's MIME table says.
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("text/javascript", ".mjs")


@cache
def asset_version() -> str:
    """A digest of every file of the task pane: it changes whenever any file does."""
    digest = hashlib.blake2s()
    root = taskpane_dir()
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@cache
def _page(host: str) -> str:
    html = (taskpane_dir() / "index.html").read_text(encoding="utf-8")
    page = with_office_js(html, load=host in ("word", "outlook"))
    return page.replace("{{assets}}", f"v/{asset_version()}")


def with_office_js(html: str, *, load: bool = True) -> str:
    """``html`` loading Office.js where its ``<!-- office.js -->`` mark stands (or without
    the mark, when ``load`` is false)."""
    script = f'<script src="{OFFICE_JS}"></script>' if load else ""
    return html.replace("<!-- office.js -->", script)


def with_page_headers(response: Response, cache_control: str) -> Response:
    """``response`` with the pane's Content-Security-Policy, nosniff and ``cache_control``."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = cache_control
    return response


@blueprint.get("/")
@documented(
    summary="Redirect to the task pane in its browser host.",
    tag="task pane",
    redirect="To the task pane in its browser host (/taskpane/?host=browser).",
)
def root() -> ResponseReturnValue:
    """Send a visitor of the bare address to the task pane in its browser host."""
    return redirect(url_for("taskpane.page", host="browser"))


@blueprint.get("/taskpane/")
@documented(
    summary="The task pane (HTML): ?host=word, outlook, gdocs or browser.",
    tag="task pane",
    response_mime="text/html",
)
def page() -> ResponseReturnValue:
    """The task pane page; Word's and Outlook's (``?host=word|outlook``) also load Office.js."""
    host = request.args.get("host", "")
    response = Response(_page(host), mimetype="text/html")
    return with_page_headers(response, "no-cache")


@blueprint.get("/taskpane/<path:name>")
@documented(
    summary="A file of the task pane (modules, styles, icons).", tag="task pane", errors=(404,)
)
def asset(name: str) -> ResponseReturnValue:
    """A file of the task pane, revalidated on every use."""
    return with_page_headers(_send(name), "no-cache")


@blueprint.get("/taskpane/v/<version>/<path:name>")
@documented(
    summary="A file of one version of the task pane, cached for a year.",
    tag="task pane",
    errors=(404,),
)
def versioned_asset(version: str, name: str) -> ResponseReturnValue:
    """A file of this version of the task pane, cached for a year (its URL changes with it)."""
    if version != asset_version():
        # An old page asks for files that have changed since: send the current ones.
        return with_page_headers(_send(name), "no-cache")
    return with_page_headers(_send(name), f"public, max-age={YEAR}, immutable")


def _send(name: str) -> Response:
    if Path(name).name == "index.html":
        abort(404)
    return send_from_directory(taskpane_dir(), name, max_age=None)
