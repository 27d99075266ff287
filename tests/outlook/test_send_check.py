"""Outlook's check on Send in a bare JavaScript runtime (Node's vm), against the real server.

The checks are in send_check.mjs (Node's test runner); this runs it with the session's live
server, so the send check asks the same local engine a writer's Outlook would.
"""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from tests.conftest import ROOT, LiveServer
from tests.system_tools import NODE


def test_the_send_check_in_a_javascript_only_runtime(live_server: LiveServer) -> None:
    node = NODE.require()
    if not (ROOT / "node_modules" / "office-addin-mock").exists():
        pytest.skip("node_modules is missing: `make test` installs it (npm)")
    result = subprocess.run(
        [node, "--test", "--test-reporter=spec", "tests/outlook/send_check.mjs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PENWISE_URL": live_server.url},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    passed = re.search(r"^ℹ pass (\d+)$", result.stdout, re.MULTILINE)
    assert passed and int(passed.group(1)) >= 10, result.stdout
