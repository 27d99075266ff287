"""The ``addin-server`` command: ``serve`` the API, ``check`` text from a terminal, and the
install commands (``manifest``, ``certs``, ``export``; see ``addin_server.install.commands``)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import Any

from addin_server.config import ConfigError, Settings
from addin_server.engines.local.engine_setup import load_style_guide
from addin_server.install import commands as install_commands
from addin_server.version import __version__

EXIT_CONFIG = 2
# When the command's imports began, near enough to the process start for the "ready in" line.
STARTED = time.monotonic()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_CONFIG
    flags = {
        name: str(value)
        for name in ("host", "port", "workers", "threads")
        if (value := getattr(args, name, None)) is not None
    }
    try:
        settings = Settings.load(overrides=flags)
        load_style_guide(settings.local)  # an invalid style guide stops here, not in a worker
    except ConfigError as error:
        print(f"addin-server: configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    return args.run(args, settings)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="addin-server",
        description="Penwise: grammar, style and idea help for Word and Google Docs add-ins.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    serve = commands.add_parser(
        "serve", help="serve the HTTP API (waitress, or gunicorn with ADDIN_SERVER=gunicorn)"
    )
    serve.add_argument(
        "--host", help="addresses to bind (ADDIN_HOST, default localhost: 127.0.0.1 and ::1)"
    )
    serve.add_argument("--port", type=int, help="port to listen on (ADDIN_PORT, default 8765)")
    serve.add_argument(
        "--workers", type=int, help="worker processes (ADDIN_WORKERS; one on Windows)"
    )
    serve.add_argument("--threads", type=int, help="threads per worker (ADDIN_THREADS)")
    serve.add_argument("--dev", action="store_true", help="Flask's debug server, auto-reload")
    serve.add_argument(
        "--https",
        action="store_true",
        help="serve HTTPS with the certificate of `addin-server certs` (or ADDIN_TLS_CERT)",
    )
    serve.set_defaults(run=_serve)

    check = commands.add_parser("check", help="check a file or standard input")
    check.add_argument("file", nargs="?", default="-", help="file to check, or - for stdin")
    check.add_argument("--language", help="language tag (default ADDIN_DEFAULT_LANGUAGE)")
    check.add_argument("--markdown", action="store_true", help="the text is Markdown")
    check.add_argument("--json", action="store_true", help="print the /v1/check JSON answer")
    check.set_defaults(run=_check)
    install_commands.register(commands)
    return parser


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    try:
        tls = install_commands.serve_tls(settings.tls, https=args.https)
    except install_commands.MissingCertificates as error:
        print(f"addin-server: {error}", file=sys.stderr)
        return EXIT_CONFIG
    if tls is not None:  # the app knows the certificate it is served with
        settings = settings.replace(tls_cert=tls[0], tls_key=tls[1])
        problem = install_commands.certificate_problem(settings.tls)
        if problem:
            print(f"addin-server: {problem}", file=sys.stderr)
            return EXIT_CONFIG
    url = install_commands.public_url(settings.serve, tls=tls is not None)
    print(
        f"Penwise at {url}/ : open {url}/taskpane/?host=browser to try the task pane "
        f"(Word manifest: {url}/manifest.xml)",
        flush=True,
    )
    for warning in install_commands.serve_warnings(settings):
        print(f"addin-server: warning: {warning}", file=sys.stderr, flush=True)
    if args.dev:
        from addin_server import create_app
        from addin_server.observability.logs import hide_dev_server_queries

        hide_dev_server_queries()
        app = create_app(settings)
        where = settings.serve
        app.run(host=where.host, port=where.port, debug=True, threaded=True, ssl_context=tls)
        return 0
    if settings.serve.server == "waitress":
        from addin_server.serve.run import run_waitress

        return run_waitress(settings, STARTED)
    try:
        from addin_server.serve.gunicorn_server import run_gunicorn
    except ModuleNotFoundError as error:  # Windows: gunicorn imports fcntl
        print(
            f"addin-server: ADDIN_SERVER=gunicorn needs Linux or macOS (no module {error.name}); "
            "waitress, the default, serves HTTP and HTTPS here",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    return run_gunicorn(settings, tls)


def _check(args: argparse.Namespace, settings: Settings) -> int:
    from addin_server.engines.local import harper as harper_backend

    harper_backend.load_in_background()  # its dictionary builds without the GIL meanwhile
    from addin_server import languages
    from addin_server.api.presenters import check_json
    from addin_server.engines.base import CheckOptions, Markup
    from addin_server.engines.local.engine_setup import build_local_engine

    try:
        text = sys.stdin.read() if args.file == "-" else _read(args.file)
    except OSError as error:
        print(f"addin-server: cannot read {args.file}: {error.strerror}", file=sys.stderr)
        return EXIT_CONFIG
    options = CheckOptions(
        language=languages.requested(args.language, settings.request.default_language),
        markup=Markup.MARKDOWN if args.markdown else Markup.PLAIN,
    )
    result = build_local_engine(settings.local, options.language).check(text, options)
    body = check_json(text, result)
    if args.json:
        print(json.dumps(body, ensure_ascii=False, indent=2))
    else:
        _print_table(text, body)
    return 1 if body["issues"] else 0


def _read(path: str) -> str:
    with open(path, encoding="utf-8", errors="replace") as handle:
        return handle.read()


def _print_table(text: str, body: dict[str, Any]) -> None:
    for notice in body["warnings"]:
        print(f"warning: {notice['message']}")
    for issue in body["issues"]:
        line = text.count("\n", 0, issue["offset"]) + 1
        column = issue["offset"] - (text.rfind("\n", 0, issue["offset"]) + 1) + 1
        fixes = ", ".join(repr(value) for value in issue["replacements"][:3]) or "-"
        print(
            f"{line}:{column}\t{issue['severity']:<10} {issue['text']!r} {issue['message']}"
            f"  -> {fixes}  [{issue['rule_id']}]"
        )
    count = len(body["issues"])
    print(f"{count} issue{'s' if count != 1 else ''}")


if __name__ == "__main__":
    sys.exit(main())
