"""The package's imports flow one way: no module of ``addin_server`` imports itself back.

The graph is read from the source with ``ast``, not by importing it, so it holds whatever
runs first. Every import counts, wherever it stands: at the top, under ``if TYPE_CHECKING``
(a cycle the type checker sees is still a layering fault) and inside a function. Imports
are deferred to keep start-up cheap (Harper loads only when an engine is built), never to
hide a cycle, so a deferred import that closes one fails here too.

``from package import name`` is an edge to ``package.name`` when that is a module, else to
the package; the implicit import of a module's parent packages is no edge (every module
would otherwise be in a cycle with ``addin_server/__init__.py``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "addin_server"


def module_names(root: Path) -> dict[str, Path]:
    """Every module of the package under ``root``, by dotted name."""
    found = {}
    for path in root.rglob("*.py"):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported_by(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules that ``name`` (at ``path``) imports, anywhere in its source."""
    edges = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            edges.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            source = _absolute(name, path, node)
            named = [f"{source}.{alias.name}" for alias in node.names]
            submodules = [module for module in named if module in modules]
            edges.update(submodules)
            if len(submodules) < len(named):
                edges.add(source)
    return {module for module in edges if module in modules and module != name}


def _absolute(name: str, path: Path, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    base = package[: len(package) - (node.level - 1)]
    return ".".join([*base, *([node.module] if node.module else [])])


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of ``graph`` as the modules along it (first repeated at the end), or []."""
    done: set[str] = set()
    for start in sorted(graph):
        if start in done:
            continue
        path, on_path = [start], {start}
        stack = [(start, iter(sorted(graph[start])))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                on_path.discard(node)
                done.add(node)
            elif child in on_path:
                return [*path[path.index(child) :], child]
            elif child not in done:
                stack.append((child, iter(sorted(graph[child]))))
                path.append(child)
                on_path.add(child)
    return []


def import_graph(root: Path) -> dict[str, set[str]]:
    """Each module of the package under ``root`` and the package's modules it imports."""
    modules = module_names(root)
    return {name: imported_by(name, path, modules) for name, path in modules.items()}


def test_the_package_imports_have_no_cycle() -> None:
    graph = import_graph(PACKAGE)
    assert len(graph) > 100 and sum(map(len, graph.values())) > 300  # the package was read
    assert find_cycle(graph) == []


@pytest.mark.parametrize(
    ("files", "cycle"),
    [
        (
            {"__init__.py": "", "a.py": "from pkg import b\n", "b.py": "import pkg.a\n"},
            ["pkg.a", "pkg.b", "pkg.a"],
        ),
        (
            {
                "__init__.py": "",
                "a.py": "import typing\nif typing.TYPE_CHECKING:\n    from .b import B\n",
                "b.py": "def f():\n    from pkg.a import A\n",
            },
            ["pkg.a", "pkg.b", "pkg.a"],
        ),
        ({"__init__.py": "from pkg.a import A\n", "a.py": "import json\n"}, []),
    ],
    ids=["module-level", "type-checking-and-deferred", "parent-package-is-no-edge"],
)
def test_a_cycle_is_found_wherever_its_imports_stand(
    tmp_path: Path, files: dict[str, str], cycle: list[str]
) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    for name, source in files.items():
        (package / name).write_text(source, "utf-8")
    assert find_cycle(import_graph(package)) == cycle
