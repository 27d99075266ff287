"""Where the task pane and the manifest templates are, in a checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def asset_dir(name: str) -> Path:
    """The folder ``name`` (``taskpane`` or ``manifest``): inside the package when installed
    from a wheel (setup.py puts it there), else at the top of the checkout."""
    installed = _PACKAGE / name
    return installed if installed.is_dir() else _PACKAGE.parent / name


def taskpane_dir() -> Path:
    """The task pane's static files."""
    return asset_dir("taskpane")


def manifest_dir() -> Path:
    """The Office manifest and Apps Script templates."""
    return asset_dir("manifest")
