"""The Word add-in's XML manifest: render it for a deployment's URL, validate it offline.

The template is ``manifest/office/manifest.xml``; Microsoft's XSD set sits beside it in
``manifest/office/schemas/`` (see its SOURCE.md), so a manifest validates from an installed
wheel without the network.
"""

from __future__ import annotations

import re
import string
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from lxml import etree

from addin_server.assets import manifest_dir
from addin_server.install.urls import https_base_url, identity_url
from addin_server.version import __version__

DEFAULT_NAME = "Penwise"
PROVIDER = "Penwise"
ICON_SIZES = (16, 32, 64, 80)
# Office's short strings hold 125 characters; "<name> is ready" is one of them.
MAX_NAME_CHARS = 100
# SourceLocation "must be an HTTPS address" (Microsoft's manifest reference, SourceLocation).
WHO_NEEDS_HTTPS = "Office loads add-ins"


@dataclass(frozen=True)
class ValidationError:
    """One reason a manifest is invalid, at a 1-based line (0 when the line is unknown)."""

    line: int
    message: str


def template_path() -> Path:
    """The manifest template."""
    return manifest_dir() / "office" / "manifest.xml"


def schema_path() -> Path:
    """The entry point of Microsoft's XSD set."""
    return manifest_dir() / "office" / "schemas" / "OfficeAppManifestV1_1.xsd"


def base_url(url: str) -> str:
    """Check ``url`` (``https://host[:port][/prefix]``) and return it without a trailing slash.

    Raise :class:`ValueError` with a sentence for the user when it is not such a URL; an
    ``http://`` URL is refused, since Office loads an add-in only from an HTTPS address.
    """
    return https_base_url(url, who=WHO_NEEDS_HTTPS)


def manifest_id(url: str, names: Sequence[str] = ()) -> str:
    """The add-in's GUID for ``url``: the same server always gives the same Id, so Office
    keeps treating a re-generated manifest as the same add-in. ``names`` are those of the
    certificate the server serves: every name it covers gives its first name's Id, and
    127.0.0.1, ::1 and localhost give one Id (:func:`~addin_server.install.urls.identity_url`)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, identity_url(base_url(url), names)))


def office_version(version: str = __version__) -> str:
    """``version`` as Office wants it: four dot-separated numbers (``0.1.0`` -> ``0.1.0.0``)."""
    numbers = re.findall(r"\d+", version.split("+")[0])[:4]
    return ".".join((numbers + ["0"] * 4)[:4])


def identity(addin_id: str, name: str) -> tuple[str, str]:
    """A manifest's Id as a GUID and its display name, checked; a :class:`ValueError` says
    what is wrong with either."""
    try:
        guid = str(uuid.UUID(addin_id))
    except ValueError:
        raise ValueError(f"the Id {addin_id!r} is not a GUID such as {uuid.uuid4()}") from None
    name = name.strip() or DEFAULT_NAME
    if len(name) > MAX_NAME_CHARS:
        raise ValueError(f"the name must be at most {MAX_NAME_CHARS} characters")
    return guid, name


def render(
    url: str,
    *,
    addin_id: str | None = None,
    name: str = DEFAULT_NAME,
    support_url: str | None = None,
) -> str:
    """Render the Word manifest for the Penwise server at ``url``."""
    base = base_url(url)
    return filled(
        template_path(),
        base,
        *identity(addin_id or manifest_id(base), name),
        description="Grammar, style and idea help from the Penwise server at "
        f"{urlsplit(base).netloc}.",
        support_url=support_url or f"{base}/taskpane/?host=browser",
    )


def filled(template: Path, base: str, addin_id: str, name: str, **values: str) -> str:
    """The manifest ``template`` for the server at ``base``: the add-in's id, version,
    provider and name, and ``values``, each escaped for an XML attribute."""
    every = {
        "id": addin_id,
        "version": office_version(),
        "provider": PROVIDER,
        "name": name,
        "url": base,
        **values,
    }
    escaped = {key: escape(value, {'"': "&quot;"}) for key, value in every.items()}
    return string.Template(template.read_text(encoding="utf-8")).substitute(escaped)


@cache
def _schema() -> etree.XMLSchema:
    # Parsed by path so the XSDs' relative imports find their siblings.
    return etree.XMLSchema(etree.parse(str(schema_path())))


def validate(source: Path | str | bytes) -> list[ValidationError]:
    """Validate a manifest (a file's path, or its bytes) against the XSD set."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        if isinstance(source, bytes):
            document = etree.fromstring(source, parser).getroottree()
        else:
            document = etree.parse(str(source), parser)
    except etree.XMLSyntaxError as error:
        return [ValidationError(error.lineno or 0, f"not well-formed XML: {error.msg}")]
    schema = _schema()
    if schema.validate(document):
        return []
    return [ValidationError(entry.line, entry.message) for entry in schema.error_log]
