"""A machine without chromium, redis-server or nginx still runs the suite: the tests that need
one are skipped with a reason that names it and says how to install it, and the run passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_pytest
from tests.system_tools import APT_TOOLS, CHROMIUM, NODE, REDIS_SERVER, SystemTool, report


@pytest.mark.slow
def test_without_chromium_and_redis_server_their_tests_are_skipped_and_the_run_passes(
    tmp_path: Path,
) -> None:
    missing = {tool.variable: str(tmp_path / tool.name) for tool in (CHROMIUM, REDIS_SERVER)}
    code, output = run_pytest(
        "tests/pane/browser/test_keyboard.py",
        "tests/limits/test_rate_limit.py::test_the_limit_is_shared_through_redis",
        "tests/observability/test_feedback.py::test_redis_holds_hourly_hashes",
        env=missing,
    )
    assert code == 0, output
    assert "3 skipped" in output and " passed" not in output, output
    # Said once per tool, with the number of tests, what is missing and how to install it
    assert f"SKIPPED [1] tests/system_tools.py:1: chromium is not at {tmp_path}/chromium" in output
    assert "PENWISE_TEST_CHROMIUM, needed by the pane's browser tests" in output
    assert "apt-get install chromium fonts-noto-cjk" in output or "brew install" in output
    assert f"SKIPPED [2] tests/system_tools.py:1: redis-server is not at {tmp_path}" in output
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


def test_the_install_step_names_what_is_missing_and_the_command_that_installs_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(CHROMIUM.variable, raising=False)  # a run that simulates its absence
    block = report(["chromium", "no-such-package"], [CHROMIUM])
    assert "chromium (not installed): the pane's browser tests" in block
    assert "sudo apt-get install --no-install-recommends chromium no-such-package" in block
    assert block.count("\n") < 12  # one short block, not a page
