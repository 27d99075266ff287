"""The ``access`` section: who gets in."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import setting


@dataclass(frozen=True)
class AccessSettings:
    """The web pages that may call the API from a browser, the API keys it asks for, and
    the reverse proxies whose forwarding headers it believes."""

    TITLE: ClassVar[str] = "Who gets in"

    cors_origins: tuple[str, ...] = setting(
        ("https://*.googleusercontent.com",),
        values.origins,
        "Origins whose pages may call the API from a browser: exact "
        "(`https://app.example.org`) or patterns (`https://*.example.org`, one or more "
        "subdomain labels, same scheme and port); `none` for the server's own pages only. "
        "`*` is refused at start-up. The default admits the task pane in Google Docs' "
        "task pane; Word needs no entry (the pane comes from this server).",
    )
    api_keys: tuple[str, ...] = setting(
        (),
        values.api_keys,
        "API keys; when set, every `/v1` and `/v2` request needs one.",
        secret=True,
    )
    api_keys_file: str = setting(
        "",
        values.key_file,
        "File of SHA-256 hashes of the API keys, one per line (`#` comments; a label may "
        "follow the hash, as `sha256sum` prints it); a bad line stops start-up naming the "
        "line. Adds to `ADDIN_API_KEYS`.",
    )
    trusted_proxies: tuple[str, ...] = setting(
        ("loopback",),
        values.proxies,
        "Reverse proxies whose `X-Forwarded-Proto`, `X-Forwarded-Host` and `X-Forwarded-For` "
        "the server believes (for `/manifest.xml`'s scheme and host, and the client address "
        "of rate limits), under waitress and gunicorn alike. `loopback` is 127.0.0.0/8 and "
        "::1 (nginx on the same machine); `none` believes no one. From anyone else the "
        "headers are ignored. HSTS is never sent behind a proxy: the proxy sends it.",
    )
