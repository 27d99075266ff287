"""The ``addin-server`` command as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from addin_server import __version__
from tests.conftest import SERVER


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SERVER), *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"addin-server {__version__}"


def test_check_prints_a_table_and_exits_1_when_issues_are_found(tmp_path: Path) -> None:
    path = tmp_path / "draft.txt"
    path.write_text("A fine line.\nTheir is a error here.\n", encoding="utf-8")
    result = run("check", str(path))
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert any(line.startswith("2:1\t") and "'Their'" in line for line in lines)
    assert any(line.startswith("2:10\t") and "'an'" in line for line in lines)
    assert lines[-1] == "2 issues"


def test_check_reads_stdin_and_prints_json() -> None:
    result = run("check", "--json", "-", stdin="This sentance is fine otherwise.")
    assert result.returncode == 1
    body = json.loads(result.stdout)
    assert [issue["text"] for issue in body["issues"]] == ["sentance"]


def test_check_clean_text_exits_0() -> None:
    result = run("check", "-", stdin="This sentence is fine.")
    assert result.returncode == 0
    assert result.stdout.strip() == "0 issues"


def test_check_missing_file_is_a_clear_error() -> None:
    result = run("check", "/no/such/file.txt")
    assert result.returncode == 2
    assert "cannot read /no/such/file.txt" in result.stderr


def test_check_loads_neither_the_web_app_nor_the_style_guide_reader(tmp_path: Path) -> None:
    """One sentence from a terminal loads only what checking it needs (`bench_speed` times
    it): not Flask, and not the style guide's schema and YAML reader when no guide is set."""
    path = tmp_path / "draft.txt"
    path.write_text("Their is a error here.\n", encoding="utf-8")
    probe = (
        "import sys; from addin_server.cli import main; main(['check', sys.argv[1]]); "
        "print(sorted({'flask', 'marshmallow', 'yaml'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [str(SERVER.parent / "python"), "-c", probe, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={key: value for key, value in os.environ.items() if key != "ADDIN_STYLE_GUIDE"},
    )
    assert "'Their'" in result.stdout  # the check ran
    assert result.stdout.splitlines()[-1] == "[]"
