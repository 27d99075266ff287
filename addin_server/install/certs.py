"""A local development CA and a ``localhost`` certificate it signs, for ``serve --https``
(``certs --name`` adds names: a machine's name on the network, its address).

Office loads add-ins over HTTPS only, localhost included. The CA is made once and kept, so a
CA the user has trusted stays trusted; each run renews the server certificate. Everything
lives in the user's config directory, never in the repository; private keys are 0600.
"""

from __future__ import annotations

import datetime
import getpass
import ipaddress
import os
import re
import socket
import ssl
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_DAYS = 10 * 365
# Apple's clients refuse TLS certificates valid for more than 825 days.
LEAF_DAYS = 365
LEAF_NAMES = ("localhost",)
LEAF_ADDRESSES = ("127.0.0.1", "::1")


@dataclass(frozen=True)
class CertPaths:
    """Where the CA and the server certificate of one user are kept."""

    directory: Path

    @property
    def ca_cert(self) -> Path:
        return self.directory / "ca.pem"

    @property
    def ca_key(self) -> Path:
        return self.directory / "ca-key.pem"

    @property
    def cert(self) -> Path:
        return self.directory / "localhost.pem"

    @property
    def key(self) -> Path:
        return self.directory / "localhost-key.pem"


def cert_dir(environ: Mapping[str, str] | None = None, platform: str = sys.platform) -> Path:
    """The user's certificate folder: ``%APPDATA%\\Penwise\\certs`` on Windows, else
    ``$XDG_CONFIG_HOME/penwise/certs`` (``~/.config/penwise/certs``)."""
    environ = os.environ if environ is None else environ
    if platform == "win32":
        appdata = environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(appdata) / "Penwise" / "certs"
    home = Path(environ.get("HOME") or Path.home())
    config = Path(environ.get("XDG_CONFIG_HOME") or home / ".config")
    return config / "penwise" / "certs"


def dev_cert_paths(environ: Mapping[str, str] | None = None) -> CertPaths:
    """The paths ``addin-server certs`` writes and ``serve --https`` reads."""
    return CertPaths(cert_dir(environ))


def make_certificates(paths: CertPaths, names: Sequence[str] = ()) -> bool:
    """Keep (or make) the CA, then issue a fresh server certificate for localhost, 127.0.0.1,
    ::1, the names the last one had beside those, and ``names``; return True when the CA is
    new and must be trusted. A :class:`ValueError` names a name that is not a host name or
    an IP address."""
    extra = [*served_names(paths), *(_checked(name) for name in names)]
    paths.directory.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        paths.directory.chmod(0o700)
    now = datetime.datetime.now(datetime.UTC)
    loaded = _load_ca(paths, now)
    created = loaded is None
    if loaded is None:
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_cert = _ca_certificate(ca_key, now)
        _write_key(paths.ca_key, ca_key)
        paths.ca_cert.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    else:
        ca_cert, ca_key = loaded
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _leaf_certificate(key, ca_cert, ca_key, now, extra)
    _write_key(paths.key, key)
    paths.cert.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return created


def served_names(paths: CertPaths) -> list[str]:
    """The names of the server certificate in ``paths`` beyond the standard ones, in order
    (none when there is no certificate)."""
    if not paths.cert.is_file():
        return []
    standard = {*LEAF_NAMES, *LEAF_ADDRESSES}
    return [name for name in certificate_names(paths.cert) if name not in standard]


def certificate_names(path: Path | str) -> tuple[str, ...]:
    """The DNS names and IP addresses the PEM certificate at ``path`` (the first of a chain)
    is valid for, in its order; empty when it cannot be read."""
    try:
        cert = x509.load_pem_x509_certificate(Path(path).read_bytes())
        alternative = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    except (OSError, ValueError, x509.ExtensionNotFound):
        return ()
    names: list[str] = []
    for entry in alternative.value:
        if isinstance(entry, x509.DNSName | x509.IPAddress):
            names.append(str(entry.value))
    return tuple(names)


def _checked(name: str) -> str:
    """``name`` as a certificate names it: a lower-case host name or an IP address."""
    value = name.strip().strip("[]").lower().rstrip(".")
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        pass
    labels = value.split(".")
    if not value or len(value) > 253 or not all(_LABEL.fullmatch(label) for label in labels):
        raise ValueError(f"{name!r} is not a host name (such as myhost.lan) or an IP address")
    return value


_LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)")


def _load_ca(
    paths: CertPaths, now: datetime.datetime
) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey] | None:
    """The existing CA, unless it is missing, unreadable or expires within a leaf's life."""
    try:
        cert = x509.load_pem_x509_certificate(paths.ca_cert.read_bytes())
        key = serialization.load_pem_private_key(paths.ca_key.read_bytes(), password=None)
    except (OSError, ValueError):
        return None
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        return None
    if cert.not_valid_after_utc < now + datetime.timedelta(days=LEAF_DAYS):
        return None
    return cert, key


def _ca_name() -> x509.Name:
    try:
        owner = f"{getpass.getuser()}@{socket.gethostname()}"
    except (OSError, KeyError, ImportError):  # no user name in the environment, no pwd
        owner = socket.gethostname()
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Penwise development CA"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"Penwise development CA ({owner})"[:64]),
        ]
    )


def _ca_certificate(key: ec.EllipticCurvePrivateKey, now: datetime.datetime) -> x509.Certificate:
    name = _ca_name()
    public = key.public_key()
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=CA_DAYS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_key_usage(cert_sign=True), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
        .sign(key, hashes.SHA256())
    )


def _leaf_certificate(
    key: ec.EllipticCurvePrivateKey,
    ca_cert: x509.Certificate,
    ca_key: ec.EllipticCurvePrivateKey,
    now: datetime.datetime,
    extra: Sequence[str] = (),
) -> x509.Certificate:
    names: list[x509.GeneralName] = [x509.DNSName(name) for name in LEAF_NAMES]
    names += [x509.IPAddress(ipaddress.ip_address(address)) for address in LEAF_ADDRESSES]
    for name in dict.fromkeys(extra):  # in order, once each
        if name in LEAF_NAMES or name in LEAF_ADDRESSES:
            continue
        try:
            names.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            names.append(x509.DNSName(name))
    return (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=LEAF_DAYS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )


def _key_usage(*, cert_sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=not cert_sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    """Write ``key`` readable by its owner only, from the first byte on."""
    data = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)


def instructions(paths: CertPaths, *, created: bool, port: int = 8765) -> str:
    """What to do next: trust the CA (on each system), then serve and sideload."""
    ca = paths.ca_cert
    head = (
        f"Made a new development CA: {ca}\nTrust it once (it stays valid for 10 years):"
        if created
        else f"Kept the development CA: {ca}\nIf you have not trusted it yet:"
    )
    names = ", ".join(certificate_names(paths.cert)) or "localhost, 127.0.0.1, ::1"
    return f"""{head}

  Windows (cmd or PowerShell, your user only):
    certutil -user -addstore Root "{ca}"
  macOS:
    security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db "{ca}"
  Debian, Ubuntu (curl, Python and other programs):
    sudo cp "{ca}" /usr/local/share/ca-certificates/penwise-dev-ca.crt
    sudo update-ca-certificates
  Fedora, RHEL:
    sudo trust anchor --store "{ca}"
  Chrome and Edge on Linux read their own store (Firefox too, unless
  security.enterprise_roots.enabled is on); certutil is in libnss3-tools (Debian, Ubuntu)
  or nss-tools (Fedora):
    mkdir -p ~/.pki/nssdb
    certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n "Penwise development CA" -i "{ca}"

Server certificate for {names} (renewed, valid {LEAF_DAYS} days;
`addin-server certs --name NAME` adds a name):
  {paths.cert}
  {paths.key}

Serve over HTTPS and sideload the manifest it serves:
  addin-server serve --https
  https://localhost:{port}/manifest.xml
"""


def server_context(cert: str, key: str) -> ssl.SSLContext:
    """A server-side TLS context for the PEM certificate chain ``cert`` and its ``key``:
    TLS 1.2 or later, HTTP/1.1 offered by ALPN."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    context.set_alpn_protocols(["http/1.1"])
    return context
