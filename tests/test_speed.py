"""``make test-fast`` (``pytest -m "not slow"``) leaves out the tests that need a browser, a
server process or Redis, and a test that starts a process anyway is skipped, not run."""

from __future__ import annotations

import os

import pytest

from tests.conftest import run_pytest
from tests.speed import TESTS

# A test that starts a process without being classed slow, as a newcomer might write one.
PROBE = """
import subprocess


def test_runs_a_program():
    subprocess.run(["true"], check=True)
"""


@pytest.mark.slow
def test_the_fast_run_leaves_slow_tests_out_and_skips_one_that_starts_a_process() -> None:
    # Written among the tests for the child run only (tests/speed.py classes by place).
    probe = TESTS / f"test_probe_starts_a_process_{os.getpid()}.py"
    probe.write_text(PROBE, encoding="utf-8")
    try:
        code, output = run_pytest(
            "-m", "not slow", "tests/pane/browser/test_keyboard.py", str(probe)
        )
    finally:
        probe.unlink()
    assert code == 0, output
    assert "1 skipped, 1 deselected" in output, output  # the browser test is not even run
    assert "SKIPPED [1] tests/speed.py:1: starts a process, so it belongs to `make test`" in output
    assert "mark it @pytest.mark.slow (true)" in output
