"""`python -m quality rewrites` runs at a tiny size (so it keeps working) without writing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from quality.sections import extract, replace_section
from tests.conftest import ROOT

TINY = ["--limit", "2", "--jfleg", "2", "--tones", "formal", "concise", "--no-write"]


@pytest.mark.slow
def test_the_rewrites_measure_runs_at_a_tiny_size() -> None:
    before = (ROOT / "QUALITY.md").read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "quality", "rewrites", *TINY],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith(("| formal", "| concise"))]
    assert rows and all(row.count("|") == 9 for row in rows)
    assert (ROOT / "QUALITY.md").read_text(encoding="utf-8") == before


def test_a_section_is_replaced_between_its_markers_and_the_rest_kept() -> None:
    document = "# Report\n\nfigures\n"
    once = replace_section(document, "rewrites", "first")
    twice = replace_section(once + "\nafter\n", "rewrites", "second")
    assert (
        extract(twice, "rewrites")
        == "<!-- quality:rewrites -->\nsecond\n<!-- /quality:rewrites -->"
    )
    assert twice.startswith("# Report\n\nfigures\n") and twice.rstrip().endswith("after")
    assert "first" not in twice
