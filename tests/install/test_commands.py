"""The install commands' wiring: `export gdocs` and the bare command groups."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SERVER


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SERVER), *args], capture_output=True, text=True, timeout=60, env={"PATH": "/bin"}
    )


def test_export_gdocs_writes_the_project_and_lists_its_files(tmp_path: Path) -> None:
    out = tmp_path / "gdocs"
    result = run("export", "gdocs", "--url", "https://writer.example.org", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out / "appsscript.json") in result.stdout.splitlines()
    json.loads((out / "appsscript.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("group", ["manifest", "export"])
def test_a_command_group_without_its_kind_prints_help(group: str) -> None:
    result = run(group)
    assert result.returncode == 2
    assert "usage: addin-server" in result.stderr
