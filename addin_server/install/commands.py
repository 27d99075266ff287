"""The install commands of ``addin-server``: ``manifest``, ``certs``, ``export``, and the
certificate choice behind ``serve --https``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from addin_server.config import ServeSettings, Settings, TlsSettings
from addin_server.install.urls import covers, is_loopback

EXIT_ERRORS = 1
EXIT_USAGE = 2


class MissingCertificates(Exception):
    """``serve --https`` found no certificate to serve with; the message says how to make one."""


def register(commands: Any) -> None:
    """Add the install commands to the CLI's subparsers."""
    manifest = commands.add_parser(
        "manifest", help="render or validate the Word or Outlook add-in manifest"
    )
    manifest.set_defaults(run=_usage(manifest))
    kinds = manifest.add_subparsers(dest="kind", metavar="KIND")

    office = kinds.add_parser("office", help="write the Word manifest for a server's URL")
    office.add_argument("--url", required=True, help="the server's public URL, https://host[:port]")
    office.add_argument("--id", help="the add-in's GUID (default: derived from the URL)")
    office.add_argument("--name", default="Penwise", help="name shown in Word (default Penwise)")
    office.add_argument("--support-url", help="support page (default: the pane in a browser)")
    office.add_argument("--out", help="file to write (default: standard output)")
    office.set_defaults(run=_manifest_office)

    outlook = kinds.add_parser(
        "outlook", help="write the Outlook manifest (pane and send check) for a server's URL"
    )
    outlook.add_argument("--url", required=True, help="the server's public URL, https://host")
    outlook.add_argument("--id", help="the add-in's GUID (default: derived from the URL)")
    outlook.add_argument("--name", default="Penwise", help="name shown in Outlook")
    outlook.add_argument("--out", help="file to write (default: standard output)")
    outlook.set_defaults(run=_manifest_outlook)

    validate = kinds.add_parser(
        "validate", help="check a Word or Outlook manifest against Microsoft's XSDs"
    )
    validate.add_argument("file", help="the manifest to check")
    validate.set_defaults(run=_manifest_validate)

    certs = commands.add_parser(
        "certs", help="make a local development CA and a localhost certificate for --https"
    )
    certs.add_argument(
        "--name",
        action="append",
        default=[],
        metavar="NAME",
        help="also make the certificate valid for NAME, a host name or an IP address "
        "(repeat for more; later runs keep them)",
    )
    certs.set_defaults(run=_certs)

    export = commands.add_parser("export", help="write an add-on project for another editor")
    export.set_defaults(run=_usage(export))
    targets = export.add_subparsers(dest="target", metavar="TARGET")
    gdocs = targets.add_parser("gdocs", help="the Google Docs (Apps Script) add-on project")
    gdocs.add_argument("--url", required=True, help="the server's public URL, https://host")
    gdocs.add_argument("--out", required=True, help="folder to write the project to")
    gdocs.add_argument(
        "--server-side",
        action="store_true",
        help="call the server from Google's side (UrlFetchApp) instead of the browser",
    )
    gdocs.set_defaults(run=_export_gdocs)


def serve_tls(tls: TlsSettings, *, https: bool) -> tuple[str, str] | None:
    """The certificate and key to serve with: ADDIN_TLS_CERT/KEY when set, else the
    development ones when ``https``; None for plain HTTP."""
    if tls.tls_cert:
        return tls.tls_cert, tls.tls_key
    if not https:
        return None
    from addin_server.install.certs import dev_cert_paths

    paths = dev_cert_paths()
    if not (paths.cert.is_file() and paths.key.is_file()):
        raise MissingCertificates(
            f"no development certificate in {paths.directory}: run `addin-server certs` "
            "first (or set ADDIN_TLS_CERT and ADDIN_TLS_KEY to a real one)"
        )
    return str(paths.cert), str(paths.key)


def public_url(settings: ServeSettings, *, tls: bool) -> str:
    """The URL to print for a server bound to ``settings.host``."""
    host = settings.host.split(",")[0].strip().strip("[]")
    if host in ("0.0.0.0", "::", "") or is_loopback(host):
        host = "localhost"  # the name the development certificate and Office expect
    elif ":" in host:
        host = f"[{host}]"
    return f"{'https' if tls else 'http'}://{host}:{settings.port}"


def served_certificate(settings: Settings, url: str) -> str:
    """The certificate a server started now would serve ``url`` with: ADDIN_TLS_CERT, else
    the development one (if ``addin-server certs`` made it) for a URL at this server's port;
    "" for none (a URL at another port, 443 say, is a proxy's, with a certificate of its own)."""
    if settings.tls.tls_cert:
        return settings.tls.tls_cert
    try:
        if urlsplit(url).port != settings.serve.port:
            return ""
    except ValueError:  # not a port: the manifest refuses the URL with the reason
        return ""
    from addin_server.install.certs import dev_cert_paths

    cert = dev_cert_paths().cert
    return str(cert) if cert.is_file() else ""


def uncovered(url: str, cert: str) -> str | None:
    """A warning when the PEM certificate ``cert`` is not valid for ``url``'s host."""
    from addin_server.install.certs import certificate_names

    names = certificate_names(cert) if cert else ()
    host = urlsplit(url).hostname or ""
    if not names or covers(names, host):
        return None
    return (
        f"the certificate {cert} is valid for {', '.join(names)}, not for {host}: served "
        f"with it, {url} is refused by Word and browsers. For the development certificate, "
        f"run `addin-server certs --name {host}`; a server behind a proxy, or with its own "
        "certificate for that name, needs nothing."
    )


def certificate_problem(tls: TlsSettings) -> str | None:
    """Why the server cannot serve TLS with its certificate and key, if it cannot."""
    import ssl

    from addin_server.install.certs import server_context

    try:
        server_context(tls.tls_cert, tls.tls_key)
    except (ssl.SSLError, OSError) as error:
        return (
            f"cannot serve HTTPS with {tls.tls_cert} and {tls.tls_key}: {error} "
            "(a PEM certificate, with its chain, and its private key)"
        )
    return None


def serve_warnings(settings: Settings) -> list[str]:
    """What a server started with ``settings`` should say before it serves."""
    warnings = []
    model, tls = settings.model, settings.tls
    if model.llm_model and not model.llm_api_key:
        endpoint = urlsplit(model.llm_base_url).hostname or ""
        if not is_loopback(endpoint):
            where = model.llm_base_url or "OpenAI's endpoint"
            warnings.append(
                f"ADDIN_LLM_MODEL is set but ADDIN_LLM_API_KEY (or OPENAI_API_KEY) is not: "
                f"{where} will likely refuse every call, and the local engine answers "
                "instead (llm-auth-failed). Set the key, or leave it empty only for an "
                "endpoint that needs none."
            )
    if tls.tls_cert and tls.public_url.startswith("https://"):
        warning = uncovered(tls.public_url, tls.tls_cert)
        if warning:
            warnings.append(f"ADDIN_PUBLIC_URL: {warning}")
    return warnings


def _usage(parser: argparse.ArgumentParser) -> Any:
    def run(args: argparse.Namespace, settings: Settings) -> int:
        parser.print_help(sys.stderr)
        return EXIT_USAGE

    return run


def _fail(message: str) -> int:
    print(f"addin-server: {message}", file=sys.stderr)
    return EXIT_USAGE


def _manifest_office(args: argparse.Namespace, settings: Settings) -> int:
    from addin_server.install import office

    return _manifest(
        "office", office.render, office.manifest_id, args, settings, support_url=args.support_url
    )


def _manifest_outlook(args: argparse.Namespace, settings: Settings) -> int:
    from addin_server.install import outlook

    return _manifest("outlook", outlook.render, outlook.manifest_id, args, settings)


def _manifest(
    kind: str,
    render: Callable[..., str],
    manifest_id: Callable[[str, Sequence[str]], str],
    args: argparse.Namespace,
    settings: Settings,
    **options: str | None,
) -> int:
    """Write the ``kind`` manifest for ``args.url``, its id from the names of the certificate
    the server would present there (warned of when it does not cover the URL)."""
    cert = served_certificate(settings, args.url)
    try:
        addin_id = args.id or manifest_id(args.url, _names(cert))
        xml = render(args.url, addin_id=addin_id, name=args.name, **options)
    except ValueError as error:
        return _fail(f"manifest {kind}: {error}")
    _warn_uncovered(args.url, cert)
    return _write(xml, args.out)


def _names(cert: str) -> tuple[str, ...]:
    from addin_server.install.certs import certificate_names

    return certificate_names(cert) if cert else ()


def _warn_uncovered(url: str, cert: str) -> None:
    warning = uncovered(url, cert)
    if warning:
        print(f"addin-server: warning: {warning}", file=sys.stderr)


def _write(text: str, out: str | None) -> int:
    """Write ``text`` to the file ``out``, or to standard output when there is none."""
    if out is None:
        sys.stdout.write(text)
        return 0
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {out}: {error.strerror}")
    print(f"wrote {out}", file=sys.stderr)
    return 0


def _manifest_validate(args: argparse.Namespace, settings: Settings) -> int:
    from addin_server.install import office

    if not Path(args.file).is_file():
        return _fail(f"cannot read {args.file}: no such file")
    errors = office.validate(Path(args.file))
    for error in errors:
        print(f"{args.file}:{error.line}: {error.message}")
    if errors:
        return EXIT_ERRORS
    print(f"{args.file}: valid")
    return 0


def _certs(args: argparse.Namespace, settings: Settings) -> int:
    from addin_server.install.certs import dev_cert_paths, instructions, make_certificates

    paths = dev_cert_paths()
    try:
        created = make_certificates(paths, args.name)
    except ValueError as error:
        return _fail(f"certs: {error}")
    except OSError as error:
        return _fail(f"cannot write the certificates in {paths.directory}: {error.strerror}")
    print(instructions(paths, created=created, port=settings.serve.port))
    return 0


def _export_gdocs(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here: the export has its own module, and the other commands must not
    # depend on it.
    try:
        from addin_server.install.gdocs import export_gdocs
    except ModuleNotFoundError as error:
        if error.name != "addin_server.install.gdocs":
            raise
        return _fail("export gdocs is not available in this version")

    try:
        written = export_gdocs(args.url, Path(args.out), server_side=args.server_side)
    except ValueError as error:
        return _fail(f"export gdocs: {error}")
    except OSError as error:
        return _fail(f"cannot write {args.out}: {error.strerror}")
    _warn_uncovered(args.url, served_certificate(settings, args.url))
    for path in written:
        print(path)
    return 0
