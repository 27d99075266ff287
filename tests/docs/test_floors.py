"""The floors of docs/architecture.md are the package's: no module imports one on a floor above.

The table under "The floors" is the one statement of them. Each row names its modules and
packages in backticks; a module belongs to the row that names it or its nearest package. An
import may stay on its floor or go down, never up: the test reads every import of every
module (at the top, under ``TYPE_CHECKING`` and inside functions, as
tests/test_import_graph.py does) and names each one that climbs.
"""

from __future__ import annotations

import re

from tests.test_import_graph import PACKAGE, imported_by, module_names

ARCHITECTURE = PACKAGE.parent / "docs" / "architecture.md"
NAMED = re.compile(r"`addin_server/([\w/]+?)(?:\.py)?/?`")


def floors() -> list[list[str]]:
    """The dotted names each row of the floors table names, top floor first."""
    text = ARCHITECTURE.read_text("utf-8")
    table = text.split("## The floors", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    named = []
    for row in rows[1:]:  # the header row names no module
        paths = NAMED.findall(row)
        named.append(
            [
                "addin_server" + ("." + path.replace("/", ".") if path != "__init__" else "")
                for path in paths
            ]
        )
    return named


def floor_of(module: str, table: list[list[str]]) -> int | None:
    """The row that names ``module`` or its nearest named package, if any does."""
    best: tuple[int, int] | None = None  # (length of the name matched, row)
    for number, names in enumerate(table):
        for name in names:
            # The app factory's row names the package's own module, not all that is in it.
            inside = name != "addin_server" and module.startswith(name + ".")
            if (module == name or inside) and (best is None or len(name) > best[0]):
                best = (len(name), number)
    return None if best is None else best[1]


def test_every_module_stands_on_a_floor() -> None:
    table = floors()
    assert len(table) >= 8, "the floors table of docs/architecture.md was not found"
    modules = module_names(PACKAGE)
    homeless = sorted(
        name
        for name in modules
        if name != "addin_server.__main__" and floor_of(name, table) is None
    )
    assert not homeless, f"name these in a row of the floors table: {homeless}"


def test_imports_only_go_down_the_floors() -> None:
    table = floors()
    modules = module_names(PACKAGE)
    climbs = []
    for name, path in sorted(modules.items()):
        here = floor_of(name, table)
        if here is None or name == "addin_server.__main__":  # `python -m`: above everything
            continue
        for target in sorted(imported_by(name, path, modules)):
            there = floor_of(target, table)
            if there is not None and there < here:
                climbs.append(f"{name} (floor {here + 1}) imports {target} (floor {there + 1})")
    assert not climbs, "imports that go up the floors:\n" + "\n".join(climbs)
