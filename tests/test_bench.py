"""Each speed benchmark runs once at a tiny size, so it keeps working (nothing about speed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TINY = {
    "bench_live.py": ["--tiny"],
    "bench_speed.py": ["--tiny"],
    "bench_store.py": ["--tiny"],
    "bench_workers.py": ["--tiny"],
    "profile_check.py": ["--words", "40", "--repeat", "1", "--no-http"],
}


@pytest.mark.parametrize("script", sorted(TINY))
def test_the_benchmark_runs_at_a_tiny_size(script: str) -> None:
    before = (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *TINY[script]],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| --- |" in done.stdout
    assert (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8") == before
