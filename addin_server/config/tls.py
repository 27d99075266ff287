"""The ``tls`` section: HTTPS, and the address the manifests point to."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import ConfigError, setting


@dataclass(frozen=True)
class TlsSettings:
    """The certificate `addin-server serve` uses for HTTPS, and the public address the Word
    and Outlook manifests point to."""

    TITLE: ClassVar[str] = "HTTPS and the public address"

    public_url: str = setting(
        "",
        values.public_url,
        "The deployment's public base URL (`https://writer.example.org`, a path prefix "
        "allowed); `/manifest.xml` points Word there. Empty: the request's own scheme and "
        "host, as a trusted proxy forwards them (`ADDIN_TRUSTED_PROXIES`). Required behind a "
        "proxy that is not trusted, serves under a path, or does not pass `Host` "
        "([HTTPS behind nginx](team.md#https-behind-nginx)).",
    )
    tls_cert: str = setting(
        "",
        values.existing_file,
        "PEM certificate, with its chain, that `addin-server serve` uses for HTTPS instead "
        "of the development one; set together with `ADDIN_TLS_KEY` (start-up stops with "
        "one and not the other).",
    )
    tls_key: str = setting("", values.existing_file, "PEM private key of `ADDIN_TLS_CERT`.")

    def __post_init__(self) -> None:
        if bool(self.tls_cert) != bool(self.tls_key):
            raise ConfigError(
                "ADDIN_TLS_CERT and ADDIN_TLS_KEY go together: set both (a certificate and "
                "its private key) or neither."
            )
