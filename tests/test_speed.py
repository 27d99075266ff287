"""``make test-fast`` (``pytest -m "not slow"``) leaves out the tests that need a browser, a
server process or Redis, and a test that starts a process anyway is skipped, not run."""

from __future__ import annotations

import pytest

from tests.conftest import run_pytest


@pytest.mark.slow
def test_the_fast_run_leaves_slow_tests_out_and_skips_one_that_starts_a_process() -> None:
    code, output = run_pytest(
        "-m", "not slow", "tests/pane/browser/test_keyboard.py", "tests/test_cli.py::test_version"
    )
    assert code == 0, output
    assert "1 skipped, 1 deselected" in output, output  # the browser test is not even run
    assert "SKIPPED [1] tests/speed.py:1: starts a process, so it belongs to `make test`" in output
    assert "mark it @pytest.mark.slow (addin-server)" in output
