"""The Google Docs add-on: render the Apps Script project for a deployment's URL.

The templates are ``manifest/gdocs/``: the manifest, the Apps Script files (``FILES``) and
``Sidebar.html``. Two modes:

* direct (the default): the task pane, running in the writer's browser, calls the server itself,
  so a server on the intranet or on the writer's machine works; the server's CORS allow-list
  must admit the Apps Script sandbox origins (``https://*.googleusercontent.com``).
* ``server_side``: the task pane calls ``callPenwise`` in Code.gs, which calls the server from
  Google's machines with ``UrlFetchApp`` and the API key kept in the script's properties. That
  needs the ``script.external_request`` scope and the server's prefix in ``urlFetchWhitelist``;
  the direct mode needs neither, so its manifest asks for neither.
"""

from __future__ import annotations

import ipaddress
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

from addin_server.assets import manifest_dir
from addin_server.install.urls import https_base_url

SCOPE_DOCUMENT = "https://www.googleapis.com/auth/documents.currentonly"
SCOPE_SIDEBAR = "https://www.googleapis.com/auth/script.container.ui"
SCOPE_FETCH = "https://www.googleapis.com/auth/script.external_request"

# The project's files in the order a writer adds them in the Apps Script editor: the manifest,
# the script files (one global scope; Code.gs first, it says what the others hold), the page.
FILES = (
    "appsscript.json",
    "Code.gs",
    "Settings.gs",
    "Reading.gs",
    "Editing.gs",
    "Elements.gs",
    "Live.gs",
    "Authorship.gs",
    "Sidebar.html",
)

# Characters a URL may not hold unencoded; refusing them lets the URL go into a script's
# string and Sidebar.html's attributes as it is.
_UNSAFE = re.compile(r"[\s\"'<>\\`{}|^]")

# A script keeps the server-side call path (Code.gs's callPenwise) between these marker lines.
_SERVER_SIDE_BLOCK = re.compile(
    r"^//\{\{#server-side\}\}\n(?P<body>.*?)^//\{\{/server-side\}\}\n", re.MULTILINE | re.DOTALL
)


def template_dir() -> Path:
    """The Apps Script project templates."""
    return manifest_dir() / "gdocs"


def checked_url(url: str, *, server_side: bool = False) -> str:
    """Check ``url`` (``https://host[:port][/prefix]``) and return it without a trailing slash.

    Raise :class:`ValueError` with a sentence for the user when Google Docs could not use it.
    """
    if _UNSAFE.search(url.strip()):
        raise ValueError(f"{url!r} holds spaces, quotes or brackets; percent-encode them")
    base = https_base_url(url, who="Google Docs loads the task pane and calls the server")
    hostname = urlsplit(base).hostname or ""
    if server_side and _is_private(hostname):
        raise ValueError(
            f"{url!r} is not reachable from Google's servers, which make the calls in "
            "--server-side mode; use a public URL, or export without --server-side so the "
            "writer's browser calls the server"
        )
    return base


def render(url: str, *, server_side: bool = False) -> dict[str, str]:
    """The project's files (name -> text) for the server at ``url``."""
    base = checked_url(url, server_side=server_side)
    templates = template_dir()
    manifest = json.loads((templates / "appsscript.json").read_text(encoding="utf-8"))
    if server_side:
        manifest["oauthScopes"].append(SCOPE_FETCH)
        # Apps Script wants a prefix with a non-empty path; the "/" also keeps
        # https://host from matching https://host.attacker.example.
        manifest["urlFetchWhitelist"] = [base + "/"]

    files = {"appsscript.json": json.dumps(manifest, indent=2) + "\n"}
    for name in FILES[1:]:
        text = (templates / name).read_text(encoding="utf-8")
        if name.endswith(".gs"):
            keep = (lambda match: match["body"]) if server_side else ""
            text = _SERVER_SIDE_BLOCK.sub(keep, text)
        files[name] = text.replace("{{URL}}", base)
    return files


def export_gdocs(url: str, out: Path, *, server_side: bool = False) -> list[Path]:
    """Write the Apps Script project for the server at ``url`` into the folder ``out``.

    ``server_side`` routes the API calls through ``UrlFetchApp`` (Google's servers) instead of
    the writer's browser. Return the paths written; raise :class:`ValueError` for a URL that
    Google Docs could not use.
    """
    files = render(url, server_side=server_side)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        path = out / name
        path.write_text(files[name], encoding="utf-8")
        written.append(path)
    return written


def _is_private(host: str) -> bool:
    """Whether ``host`` names this machine or a private network, which Google cannot reach."""
    if host == "localhost" or host.endswith((".localhost", ".local", ".internal", ".lan")):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." not in host  # an intranet short name
    return not address.is_global
