"""Packaging beyond pyproject.toml: ship the top-level `taskpane/` and `manifest/` folders.

They live at the top of the repository (the layout the project was designed with) and are
installed inside the package as `addin_server/taskpane` and `addin_server/manifest`, so a
wheel serves the sidebar and renders the manifests exactly as a checkout does
(`addin_server.assets` finds either). Each folder and subfolder becomes a package-data
directory, so a new file or folder under them ships without touching this file.
"""

from __future__ import annotations

from pathlib import Path

from setuptools import find_packages, setup

ASSET_FOLDERS = ("taskpane", "manifest")


def _asset_packages() -> dict[str, str]:
    packages = {}
    for top in ASSET_FOLDERS:
        for folder in [Path(top), *sorted(p for p in Path(top).rglob("*") if p.is_dir())]:
            if "__pycache__" in folder.parts or "node_modules" in folder.parts:
                continue
            packages["addin_server." + ".".join(folder.parts)] = folder.as_posix()
    return packages


_assets = _asset_packages()
setup(
    packages=find_packages(include=["addin_server", "addin_server.*"]) + list(_assets),
    package_dir=_assets,
    package_data={
        "addin_server": [
            "rules/data/*",
            "prompts/*",
            "engines/local/transforms/data/*",
            "engines/local/data/*",
            "messages/data/*",
            "tones.toml",
        ],
        **{package: ["*"] for package in _assets},
    },
)
