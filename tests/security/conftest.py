"""A bare Flask app with only the access control installed: cheap to build, one per setting."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, jsonify

from addin_server.config import Settings
from addin_server.errors import register_error_handlers
from addin_server.security import install_access_control

SIDEBAR = "https://n-abc123def-0lu-script.googleusercontent.com"


def bare_app(environ: dict[str, str] | None = None, **overrides: Any) -> Flask:
    """An app with stand-in routes for the API, health and the task pane's static files."""
    app = Flask(__name__)
    install_access_control(app, Settings.load(environ or {}, overrides).access)
    register_error_handlers(app)

    @app.post("/v1/echo")
    @app.get("/v1/echo")
    def echo() -> Response:
        return jsonify({"ok": True})

    @app.post("/v2/check")
    def lt_check() -> Response:
        return jsonify({"matches": []})

    @app.get("/v2/healthcheck")
    @app.get("/healthz")
    def healthz() -> Response:
        return jsonify({"status": "ok"})

    @app.get("/taskpane/v/abc/app.js")
    def module() -> Response:
        response = Response("export {};", mimetype="text/javascript")
        response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        return response

    return app
