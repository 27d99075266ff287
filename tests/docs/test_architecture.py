"""docs/architecture.md matches the tree (issue 26): it names every top-level module and
package of ``addin_server/``, and every module path a guide names exists."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.docs.blocks import ROOT

ARCHITECTURE = ROOT / "docs" / "architecture.md"
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCED = re.compile(r"^([ \t]*)```.*?^\1```[ \t]*$", re.M | re.S)
_CODE = re.compile(r"`([^`\n]+)`")
_TOP_FOLDERS = ("addin_server", "taskpane", "tests", "bench", "quality", "manifest", "typecheck")
_PATH = re.compile(rf"^(?:{'|'.join(_TOP_FOLDERS)}|docs|examples)/[\w./*-]*$")
_DOTTED = re.compile(r"^addin_server(?:\.\w+)+$")
_FILE_NAME = re.compile(r"^[\w-]+\.(?:py|js|mjs|gs|html|toml|tsv)$")


def top_level(package: Path) -> list[str]:
    """The package's top-level modules (``name.py``) and packages (``name/``)."""
    names = []
    for path in sorted(package.iterdir()):
        if path.name in ("__init__.py", "__main__.py", "__pycache__"):
            continue
        if path.suffix == ".py":
            names.append(path.name)
        elif path.is_dir():
            names.append(f"{path.name}/")
    return names


def unnamed(package: Path, text: str) -> list[str]:
    """The top-level modules and packages of ``package`` that ``text`` never names."""
    return [name for name in top_level(package) if not re.search(rf"\b{re.escape(name)}", text)]


def missing_paths(text: str, root: Path = ROOT) -> list[str]:
    """The module paths ``text`` names in backticks (outside code blocks) that do not
    exist: ``addin_server/x/y.py``, ``addin_server.x.y``, or a file name such as
    ``fanout.py`` that no file of the tree has."""
    names = {path.name for path in root.iterdir()} | {
        path.name for folder in _TOP_FOLDERS for path in (root / folder).rglob("*")
    }
    missing = []
    for code in _CODE.findall(_FENCED.sub("", text)):
        if _PATH.match(code):
            found = any(root.glob(code.rstrip("/"))) if "*" in code else (root / code).exists()
        elif _DOTTED.match(code):
            path = root / code.replace(".", "/")
            found = path.with_suffix(".py").exists() or (path / "__init__.py").exists()
        elif _FILE_NAME.match(code):
            found = code in names
        else:
            continue
        if not found:
            missing.append(code)
    return missing


def test_the_architecture_names_every_top_level_module_and_package() -> None:
    assert len(top_level(ROOT / "addin_server")) > 20  # the package was read
    assert unnamed(ROOT / "addin_server", ARCHITECTURE.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_every_module_path_a_guide_names_exists(path: Path) -> None:
    assert missing_paths(path.read_text(encoding="utf-8")) == []


def test_a_new_module_or_package_not_named_is_found(tmp_path: Path) -> None:
    package = tmp_path / "addin_server"
    (package / "engines").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    for name in ("__init__.py", "__main__.py", "records.py", "new_floor.py", "test_records.py"):
        (package / name).write_text("")
    text = "`records.py` and `engines/` are here; `test_records.py` too."
    assert unnamed(package, text) == ["new_floor.py"]
    assert unnamed(package, "engines.py and records.py, test_records.py") == [
        "engines/",
        "new_floor.py",
    ]


def test_a_stale_module_path_is_found() -> None:
    text = (
        "`addin_server/serve/prefork.py` `addin_server/serving.py` `addin_server.serve.run` "
        "`addin_server.prefork` `fanout.py` `no_such_module.py` `addin_server/rules/data/*.tsv`\n"
        "```\n`addin_server/in_a_block.py`\n```\n"
    )
    assert missing_paths(text) == [
        "addin_server/serving.py",
        "addin_server.prefork",
        "no_such_module.py",
    ]
