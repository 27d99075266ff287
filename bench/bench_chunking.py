"""Benchmark: chunking 1 MB of prose against a bare encode, and a 100,000-word local check.

Run with ``make bench``. Every figure is measured in this one run, against a baseline
measured in the same run (interleaved repetitions, medians), and written to BENCHMARKS.md
between this benchmark's markers. Not a test: it asserts nothing about time.
"""

from __future__ import annotations

import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import harper
import tiktoken

from addin_server import create_app
from addin_server.engines.base import Markup
from addin_server.engines.local import harper as harper_backend
from addin_server.engines.local.harper_chunks import lint_in_chunks
from addin_server.text.chunking import split_into_chunks
from addin_server.text.tokens import token_counter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import docstring_paragraphs
from report import replace_section

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- bench_chunking:start -->", "<!-- bench_chunking:end -->"
TARGET_RATIO = 1.5
CJK_PHRASES = ["今天我们讨论一个很长的问题，", "这个问题没有空格。", "他说：「好的。」"]


def stdlib_prose(chars: int) -> str:
    """English prose from the standard library's docstrings (bench/corpus.py), paragraphs
    joined into lines. Same Python, same text."""
    paragraphs: list[str] = []
    total = 0
    for paragraph in docstring_paragraphs((".", "!", "?", ":")):
        paragraphs.append(paragraph)
        total += len(paragraph) + 2
        if total >= chars:
            return "\n\n".join(paragraphs)[:chars]
    raise RuntimeError("the standard library has too little prose for this benchmark")


class Manuscripts:
    """100,000-word documents in paragraphs, a misspelling and an emoji now and then; each
    one new (Harper remembers texts it has seen, so a repeated text would time its cache)."""

    def __init__(self, words: int) -> None:
        self.words = words
        self.source = stdlib_prose(2_000_000).split("\n\n")
        self.made = 0

    def __call__(self) -> str:
        """A document no run has seen yet."""
        self.made += 1
        rng = random.Random(self.made)
        paragraphs, count = [], 0
        while count < self.words:
            paragraph = rng.choice(self.source)
            if rng.random() < 0.2:
                paragraph = paragraph.replace(" the ", " teh ", 1) + " 👍🏽"
            paragraphs.append(f"{paragraph} (Draft {self.made}.)")
            count += len(paragraphs[-1].split())
        return "\n\n".join(paragraphs)


def interleaved(
    runs: dict[str, Callable[[], object]],
    repetitions: int,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """Median seconds of each function, run in turn ``repetitions`` times (after a warm-up).

    Single-threaded work is timed with the process's CPU clock, which other processes on a
    shared machine disturb far less than the wall clock; threaded work needs the wall clock.
    """
    for run in runs.values():
        run()
    samples: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repetitions):
        for name, run in runs.items():
            started = clock()
            run()
            samples[name].append(clock() - started)
    return {name: statistics.median(values) for name, values in samples.items()}


def chunking_figures() -> list[str]:
    """Chunking versus a bare encode, on ordinary prose and on harder shapes."""
    counter = token_counter("o200k_base")
    encoding: tiktoken.Encoding = counter.encoding
    budget = 2000  # a rewrite's chunk budget for an 8,192-token window (the cap)
    prose = stdlib_prose(1_000_000)
    cases = {
        "1 MB of prose (paragraphs)": prose,
        "the same as one giant paragraph": prose.replace("\n\n", " "),
        "1 MB of CJK prose without spaces": "".join(
            random.Random(5).choice(CJK_PHRASES) for _ in range(60_000)
        )[:1_000_000],
    }
    lines = [
        f"Budget {budget} tokens (a rewrite on an 8,192-token window, capped at 2,000); "
        "o200k_base; medians of 15 interleaved repetitions, CPU time of the process.",
        "",
        "| text | chunks | bare `encode` | chunking | ratio |",
        "| --- | --- | --- | --- | --- |",
    ]
    for name, text in cases.items():
        times = interleaved(
            {
                "encode": lambda text=text: encoding.encode_ordinary(text),
                "chunk": lambda text=text: split_into_chunks(text, budget, counter),
            },
            repetitions=15,
            clock=time.process_time,
        )
        chunks = len(split_into_chunks(text, budget, counter))
        ratio = times["chunk"] / times["encode"]
        lines.append(
            f"| {name} | {chunks} | {times['encode'] * 1000:.1f} ms "
            f"| {times['chunk'] * 1000:.1f} ms | **{ratio:.2f}×** |"
        )
        print(f"{name}: {ratio:.2f}x bare encode", file=sys.stderr)
    return lines


def check_figures() -> list[str]:
    """A 100,000-word /v1/check, and Harper on paragraph chunks versus one call."""
    manuscripts = Manuscripts(100_000)
    app = create_app({"max_text_chars": 2_000_000}, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    client = app.test_client()
    pool = harper_backend.LinterPool()
    config = harper_backend.default_config()
    dialect = harper.Dialect.AMERICAN
    default_threads = app.extensions["penwise"].settings.local.local_chunk_threads

    def single_call() -> object:
        text = manuscripts()
        with pool.borrow(dialect) as linter:
            return harper_backend.lint(linter, text, Markup.PLAIN, config, frozenset())

    def chunked(threads: int) -> Callable[[], object]:
        return lambda: lint_in_chunks(
            pool, dialect, manuscripts(), Markup.PLAIN, config, frozenset(), threads=threads
        )

    def api_check() -> object:
        response = client.post("/v1/check", json={"text": manuscripts()})
        assert response.status_code == 200 and not response.get_json()["incomplete"]
        return response

    thread_counts = (1, 2, 4)
    runs = {"single": single_call} | {f"chunks{n}": chunked(n) for n in thread_counts}
    times = interleaved(runs | {"api": api_check}, repetitions=3)
    sample = manuscripts()
    lines = [
        f"{len(sample.split()):,} words ({len(sample):,} characters), a new text for every "
        f"run; local engine; medians of 3 interleaved repetitions, wall clock; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end.",
        "",
        "| what | time | vs one Harper call |",
        "| --- | --- | --- |",
        f"| one Harper call on the whole text | {times['single']:.2f} s | 1.00× |",
    ]
    for threads in thread_counts:
        seconds = times[f"chunks{threads}"]
        lines.append(
            f"| Harper by paragraph chunks, {threads} thread{'s' * (threads > 1)} "
            f"| {seconds:.2f} s | {seconds / times['single']:.2f}× |"
        )
    lines.append(
        f"| `POST /v1/check` (chunks on {default_threads} thread(s), our rules, JSON) "
        f"| {times['api']:.2f} s | {times['api'] / times['single']:.2f}× |"
    )
    return lines


def main() -> None:
    """Measure and write the figures."""
    header = [
        "## Chunking and long checks (`bench/bench_chunking.py`)",
        "",
        f"Measured {date.today().isoformat()} with Python {platform.python_version()}, "
        f"tiktoken {tiktoken.__version__}, on {os.cpu_count()} cores (a shared machine: "
        "compare the ratios, which come from one run, more than the times).",
        "",
        f"### Chunking 1 MB versus a bare `encode` (target: at most {TARGET_RATIO}×)",
        "",
    ]
    lines = header + chunking_figures() + ["", "### A 100,000-word check", ""] + check_figures()
    replace_section("\n".join([START, *lines, END]), START, END)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
