"""HTTP API: one blueprint per feature. Views parse, call an engine, serialise; nothing more."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def register_blueprints(app: Flask) -> None:
    """Attach every feature's blueprint to ``app``."""
    # Imported here so that `addin-server check`, which needs only the presenters, does not
    # import Flask and every view with the package.
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
        paragraphs,
        rewrite,
        taskpane,
        tokens,
    )

    for module in (
        health,
        check,
        paragraphs,
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
