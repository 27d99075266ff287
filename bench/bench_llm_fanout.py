"""Benchmark: a 20-chunk rewrite fanned out to the model, against 20 sequential calls.

The model is the scriptable OpenAI-compatible test server on loopback, answering each call
after a fixed 200 ms (a model's latency, without its compute). The baseline is the same
engine with ``ADDIN_LLM_CONCURRENCY=1``, measured in the same run. Writes its section of
BENCHMARKS.md between ``<!-- bench:llm-fanout -->`` markers.
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from report import section_text, write_section  # noqa: E402

from addin_server.config import Settings  # noqa: E402
from addin_server.engines.base import RewriteOptions  # noqa: E402
from addin_server.engines.llm import LlmConfig, LlmEngine  # noqa: E402
from addin_server.engines.local.engine import LocalEngine  # noqa: E402
from tests.model_server import ModelServer, Reply, editor_reply  # noqa: E402

CHUNKS = 20
LATENCY = 0.2
ROUNDS = 3
MARK = "bench:llm-fanout"
PARAGRAPH = (
    "The committee met on Tuesday to discuss the very big budget. Members raised questions "
    "about staffing, travel and the timeline for the new building. "
)


def document() -> str:
    """20 paragraphs of about 200 tokens: one chunk each at a 256-token budget."""
    return "\n\n".join(f"Part {n}. " + PARAGRAPH * 6 for n in range(CHUNKS))


def engine(server: ModelServer, local: LocalEngine, concurrency: int) -> LlmEngine:
    """The model engine against ``server`` with ``concurrency`` calls at once."""
    settings = Settings.load(
        {},
        {
            "llm_base_url": server.url,
            "llm_model": server.model,
            "llm_concurrency": concurrency,
            "max_chunk_tokens": 256,
            "llm_max_retries": 0,
        },
    )
    config = LlmConfig.from_settings(settings.model, settings.chunking)
    assert config is not None
    return LlmEngine(config, local)


def timed(server: ModelServer, model: LlmEngine, text: str) -> float:
    """Wall time of one rewrite; checks it made one call per chunk and was not degraded."""
    server.calls.clear()
    started = time.perf_counter()
    result = model.rewrite(text, RewriteOptions())
    elapsed = time.perf_counter() - started
    assert len(server.calls) == CHUNKS, len(server.calls)
    assert not result.degraded and "very big" not in result.rewritten
    return elapsed


def main() -> None:
    server = ModelServer().start()
    server.default = Reply(content=editor_reply, delay=LATENCY)
    local = LocalEngine()
    local.warm_up()
    text = document()
    settings = {1: "sequential (ADDIN_LLM_CONCURRENCY=1)", 4: "default (4)", 20: "20"}
    engines = {n: engine(server, local, n) for n in settings}
    timed(server, engines[4], text)  # warm: encodings, connections
    times: dict[int, list[float]] = {n: [] for n in settings}
    for _ in range(ROUNDS):
        for concurrency, model in engines.items():
            times[concurrency].append(timed(server, model, text))
    server.stop()
    baseline = statistics.median(times[1])
    medians = {n: statistics.median(times[n]) for n in settings}
    rows = [
        f"| {label} | {medians[n]:.2f} | {baseline / medians[n]:.1f}x |"
        for n, label in settings.items()
    ]
    lines = [
        "### LLM fan-out: a 20-chunk rewrite",
        "",
        f"`python bench/bench_llm_fanout.py`: a rewrite of {CHUNKS} chunks (one call each) "
        f"against the loopback test model server answering every call after "
        f"{LATENCY * 1000:.0f} ms; median of {ROUNDS} runs; the baseline is the same engine "
        "making the 20 calls one after another, measured in the same run. "
        f"Machine: {os.cpu_count()} cores, Python {platform.python_version()}.",
        "",
        "| concurrency | wall time (s) | speed-up vs sequential |",
        "| --- | --- | --- |",
        *rows,
    ]
    write_section(lines, MARK)
    print(section_text(lines, MARK))


if __name__ == "__main__":
    main()
