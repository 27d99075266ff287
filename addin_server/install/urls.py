"""The one check every add-in generator makes on the server's URL: HTTPS, a base URL, nothing else.

Office loads an add-in only from an HTTPS address ("The source location must be an HTTPS
address", Microsoft's SourceLocation element reference), and Google Docs loads the task pane and
calls the server only over HTTPS. A manifest or project written for ``http://`` installs and then
fails, so every generator refuses one here, with the way to serve over HTTPS.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from urllib.parse import urlsplit

EXAMPLE = "such as https://writer.example.org"
HTTPS_HOW = (
    "for a server on this machine, run `addin-server certs` once, start it with "
    "`addin-server serve --https`, and give its https:// address"
)


def https_base_url(url: str, *, who: str) -> str:
    """Check ``url`` (``https://host[:port][/prefix]``) and return it without a trailing slash.

    ``who`` names what needs HTTPS ("Office loads add-ins"), for the message. Raise
    :class:`ValueError` with a sentence for the user when the URL is not such a URL.
    """
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme != "https":
        raise ValueError(
            f"{url!r} must start with https:// ({EXAMPLE}): {who} only over HTTPS; {HTTPS_HOW}"
        )
    if not parts.hostname:
        raise ValueError(f"{url!r} has no host name; give the server's URL, {EXAMPLE}")
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise ValueError(f"{url!r}: give the server's base URL without ? or # ({EXAMPLE})")
    if parts.username or parts.password:
        raise ValueError(f"{url!r}: leave the user name and password out of the URL")
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError as error:
        raise ValueError(f"{url!r} has an invalid port: {error}") from None
    return f"https://{parts.netloc}{parts.path.rstrip('/')}"


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or an address, without brackets) is this machine's loopback."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def covers(names: Sequence[str], host: str) -> bool:
    """Whether a certificate for ``names`` (DNS names, ``*.`` wildcards, IP addresses) is
    valid for ``host``, as a browser checks it."""
    host = host.strip("[]").lower().rstrip(".")
    try:
        address: ipaddress.IPv4Address | ipaddress.IPv6Address | None = ipaddress.ip_address(host)
    except ValueError:
        address = None
    for name in (name.lower() for name in names):
        try:
            if ipaddress.ip_address(name) == address:
                return True
            continue  # an address is valid for itself only
        except ValueError:
            pass
        if address is None and name == host:
            return True
        wildcard = name.startswith("*.") and "." in host
        if address is None and wildcard and host.split(".", 1)[1] == name[2:]:
            return True
    return False


def identity_url(base: str, names: Sequence[str] = ()) -> str:
    """The URL an add-in's Id is derived from, so that one server gives one add-in whatever
    name reached it: ``base`` with its host replaced by the first name of the certificate
    the server serves (``names``) when that covers it, else loopback addresses by
    ``localhost``."""
    parts = urlsplit(base)
    host = parts.hostname or ""
    if names and covers(names, host):
        host = names[0].lower()
    elif is_loopback(host):
        host = "localhost"
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return f"https://{netloc}{parts.path.rstrip('/')}"
