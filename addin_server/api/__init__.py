"""HTTP API: one blueprint per feature. Views parse, call an engine, serialise; nothing more."""

from __future__ import annotations

from flask import Flask

from addin_server.api import (
    check,
    health,
    ideas,
    improve,
    languagetool,
    manifest,
    openapi,
    rewrite,
    taskpane,
    tokens,
)


def register_blueprints(app: Flask) -> None:
    """Attach every feature's blueprint to ``app``."""
    for module in (
        health,
        check,
        rewrite,
        ideas,
        improve,
        languagetool,
        manifest,
        openapi,
        tokens,
        taskpane,
    ):
        app.register_blueprint(module.blueprint)
