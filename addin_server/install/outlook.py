"""The Outlook add-in: its XML manifest (a MailApp) for a deployment's URL, and the send
check's script and page the manifest points at.

An XML manifest is a Word add-in (``TaskPaneApp``) or an Outlook one (``MailApp``), never
both, so Outlook has its own template, ``manifest/office/manifest-outlook.xml``, and its own
Id. It validates against the same XSD set as the Word manifest (see
``manifest/office/schemas/SOURCE.md``, patch C for the send check's elements).
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from urllib.parse import urlsplit

from addin_server.assets import manifest_dir, taskpane_dir
from addin_server.install.office import (
    DEFAULT_NAME,
    base_url,
    filled,
    identity,
)
from addin_server.install.urls import https_base_url, identity_url

# The send check's sentences live in the pane's string tables, under these keys.
SEND_STRINGS = ("send.found.one", "send.found.other", "send.choose", "send.again", "send.review")
LANGUAGES = {"en": "en.js", "zh-CN": "zh-CN.js"}
# One entry of a string table: 'key': 'text', (single-quoted, as the tables are written).
_ENTRY = re.compile(r"^\s*'(?P<key>[\w.-]+)':\s*'(?P<text>(?:[^'\\]|\\.)*)',?\s*$", re.MULTILINE)


def https_url(url: str) -> str:
    """``url`` as a base URL; a :class:`ValueError` that says how to serve HTTPS when it is
    not https:// (install.urls, as for every add-in)."""
    return https_base_url(url, who="Outlook loads add-ins")


def manifest_id(url: str, names: Sequence[str] = ()) -> str:
    """The Outlook add-in's GUID for ``url``: one per server as the Word add-in's is
    (:func:`addin_server.install.office.manifest_id`), and never the Word add-in's, so both
    can be installed side by side."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, identity_url(base_url(url), names) + "#outlook"))


def render(url: str, *, addin_id: str | None = None, name: str = DEFAULT_NAME) -> str:
    """Render the Outlook manifest for the Penwise server at the https:// ``url``."""
    base = https_url(url)
    parts = urlsplit(base)
    return filled(
        manifest_dir() / "office" / "manifest-outlook.xml",
        base,
        *identity(addin_id or manifest_id(base), name),
        description="Grammar, style and idea help for your mail from the Penwise server "
        f"at {parts.netloc}, and a check before Send.",
        origin=f"{parts.scheme}://{parts.netloc}",
        support_url=f"{base}/taskpane/?host=browser",
    )


def send_strings() -> dict[str, dict[str, str]]:
    """The send check's sentences in each of the pane's languages, from its string tables."""
    tables = {}
    for language, file in LANGUAGES.items():
        source = (taskpane_dir() / "i18n" / file).read_text(encoding="utf-8")
        entries = {m["key"]: _unquote(m["text"]) for m in _ENTRY.finditer(source)}
        tables[language] = {key: entries[key] for key in SEND_STRINGS}
    return tables


def _unquote(text: str) -> str:
    # The tables' strings escape only quotes and backslashes.
    return re.sub(r"\\(.)", r"\1", text)


def send_script(url: str) -> str:
    """The send check as one classic script for the server at ``url``: its settings, the
    quoted-history recogniser it shares with the pane, and the handler."""
    # The server as this request reached it: Outlook itself only loads it over HTTPS.
    config = {"server": url.strip().rstrip("/") + "/", "strings": send_strings()}
    parts = [
        "/* Penwise: Outlook's check on Send, served by the Penwise server from "
        "taskpane/hosts/outlook_quoted.js and taskpane/send/on_send.js. */",
        f"var PenwiseSend = {json.dumps(config, ensure_ascii=False)};",
        (taskpane_dir() / "hosts" / "outlook_quoted.js").read_text(encoding="utf-8"),
        (taskpane_dir() / "send" / "on_send.js").read_text(encoding="utf-8"),
    ]
    return "\n".join(parts)


def send_page() -> str:
    """The page Outlook on the web, on Mac and the new Outlook load to run the send check."""
    return (taskpane_dir() / "send" / "on_send.html").read_text(encoding="utf-8")
