"""The install commands of ``addin-server``: ``manifest``, ``certs``, ``export``, and the
certificate choice behind ``serve --https``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from addin_server.config import Settings

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


def serve_tls(settings: Settings, *, https: bool) -> tuple[str, str] | None:
    """The certificate and key to serve with: ADDIN_TLS_CERT/KEY when set, else the
    development ones when ``https``; None for plain HTTP."""
    if settings.tls_cert:
        return settings.tls_cert, settings.tls_key
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


def public_url(settings: Settings, *, tls: bool) -> str:
    """The URL to print for a server bound to ``settings.host``."""
    host = settings.host
    if host in ("127.0.0.1", "0.0.0.0", "::", "::1", ""):
        host = "localhost"  # the name the development certificate and Office expect
    elif ":" in host:
        host = f"[{host}]"
    return f"{'https' if tls else 'http'}://{host}:{settings.port}"


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

    try:
        xml = office.render(
            args.url, addin_id=args.id, name=args.name, support_url=args.support_url
        )
    except ValueError as error:
        return _fail(f"manifest office: {error}")
    if args.out is None:
        sys.stdout.write(xml)
        return 0
    try:
        Path(args.out).write_text(xml, encoding="utf-8")
    except OSError as error:
        return _fail(f"cannot write {args.out}: {error.strerror}")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _manifest_outlook(args: argparse.Namespace, settings: Settings) -> int:
    from addin_server.install import outlook

    try:
        xml = outlook.render(args.url, addin_id=args.id, name=args.name)
    except ValueError as error:
        return _fail(f"manifest outlook: {error}")
    return _write(xml, args.out)


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
        created = make_certificates(paths)
    except OSError as error:
        return _fail(f"cannot write the certificates in {paths.directory}: {error.strerror}")
    print(instructions(paths, created=created, port=settings.port))
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
    for path in written:
        print(path)
    return 0
