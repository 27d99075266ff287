"""A machine without chromium, redis-server or nginx still runs the suite: the tests that need
one are skipped with a reason that names it and says how to install it, and the run passes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.system_tools import APT_TOOLS, CHROMIUM, NODE, REDIS_SERVER, SystemTool, report


def _pytest_without(tool: SystemTool, tmp_path: Path, *targets: str) -> tuple[int, str]:
    """Run pytest on ``targets`` in a child process whose ``tool`` is not where it points."""
    env = {**os.environ, tool.variable: str(tmp_path / "missing" / tool.name)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *targets],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.returncode, done.stdout + done.stderr


def _skipped(output: str) -> int:
    found = re.search(r"(\d+) skipped", output)
    return int(found.group(1)) if found else 0


def test_without_chromium_the_browser_tests_are_skipped_and_the_run_passes(
    tmp_path: Path,
) -> None:
    code, output = _pytest_without(CHROMIUM, tmp_path, "tests/pane/browser/test_keyboard.py")
    assert code == 0, output
    assert _skipped(output) >= 1 and " passed" not in output and "failed" not in output, output
    assert f"chromium is not at {tmp_path}/missing/chromium: PENWISE_TEST_CHROMIUM" in output
    assert "SKIPPED [1] tests/system_tools.py:1: chromium" in output  # one line per tool
    assert "needed by the pane's browser tests" in output
    assert "apt-get install chromium fonts-noto-cjk" in output or "brew install" in output


def test_without_redis_server_its_tests_are_skipped_and_the_run_passes(tmp_path: Path) -> None:
    code, output = _pytest_without(
        REDIS_SERVER,
        tmp_path,
        "tests/limits/test_rate_limit.py::test_the_limit_is_shared_through_redis",
        "tests/observability/test_feedback.py::test_redis_holds_hourly_hashes",
    )
    assert code == 0, output
    assert _skipped(output) == 2 and " passed" not in output, output
    assert "SKIPPED [2] tests/system_tools.py:1: redis-server is not at" in output, output
    assert "needed by the tests of state shared through Redis" in output


@pytest.mark.parametrize("tool", [*APT_TOOLS, NODE], ids=lambda tool: tool.name)
def test_a_tool_is_where_its_variable_points(tool: SystemTool, tmp_path: Path) -> None:
    stand_in = tmp_path / tool.name
    stand_in.write_text("#!/bin/sh\n")
    stand_in.chmod(0o755)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(tool.variable, str(stand_in))
        assert tool.require() == str(stand_in)
        patch.setenv(tool.variable, str(tmp_path / "nowhere"))
        with pytest.raises(pytest.skip.Exception, match=f"{tool.name} is not at .*nowhere"):
            tool.require()


def test_the_install_step_names_what_is_missing_and_the_command_that_installs_it() -> None:
    block = report(["chromium", "no-such-package"], [CHROMIUM])
    assert "chromium (not installed): the pane's browser tests" in block
    assert "sudo apt-get install --no-install-recommends chromium no-such-package" in block
    assert block.count("\n") < 12  # one short block, not a page
