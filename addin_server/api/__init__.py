"""HTTP API: one blueprint per feature. Views parse, call an engine, serialise; nothing more."""

from __future__ import annotations

from flask import Flask

from addin_server.api import (
    check,
    feedback,
    health,
    ideas,
    improve,
    languagetool,
    manifest,
    metrics,
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
        feedback,
        metrics,
    ):
        app.register_blueprint(module.blueprint)
