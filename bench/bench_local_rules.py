"""Benchmark: what our rules add to a `/v1/check` on top of Harper.

Runs the local engine's check on the same 2,000-word text twice over, with our rules and
with Harper alone, alternating, several times in one run, and writes the medians and their
ratio into its own section of BENCHMARKS.md. Both engines are warm here: the same text again
and again means Harper answers from the lints it remembers (about 50 ms instead of 300 for
a text it has never seen) and our parser from its cache. This is the cost of a re-check;
bench/bench_grammar.py measures never-seen text (between `<!-- bench:local-rules -->` markers;
other benchmarks write other sections). Usage:

    .venv/bin/python bench/bench_local_rules.py [--repeat 25] [--words 2000] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

from report import section_text, write_section

from addin_server.engines.base import CheckOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.rules import builtin_rules

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "clean_prose"
MARK = "bench:local-rules"
TARGET = 0.30
# Sentences with the kinds of trouble our rules look for, mixed into the clean prose so the
# rules have work to do (a text they never match would flatter them).
TROUBLE = (
    "In order to win, we made a decision to plan ahead. "
    "Basically, the end result was very good, and I think it is sort of obvious. "
    "The report was written by the team at the end of the day. "
    "Their is a error in this sentance. "
)


def sample_text(words: int, trouble: str = TROUBLE) -> str:
    """About ``words`` words of the clean-prose corpus, each paragraph followed by
    ``trouble``."""
    paragraphs = [
        paragraph
        for path in sorted(CORPUS.glob("*.txt"))
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")
        if paragraph.strip()
    ]
    pieces: list[str] = []
    count = 0
    index = 0
    while count < words:
        paragraph = (paragraphs[index % len(paragraphs)] + " " + trouble).strip()
        pieces.append(paragraph)
        count += len(paragraph.split())
        index += 1
    return "\n\n".join(pieces)


def measure(engine: LocalEngine, text: str) -> float:
    """Seconds for one check."""
    start = time.perf_counter()
    engine.check(text, CheckOptions())
    return time.perf_counter() - start


def run(repeat: int, text: str) -> dict[str, float | int]:
    """Median check time with our rules and with Harper alone, measured alternately."""
    with_rules = LocalEngine(rules=builtin_rules())
    harper_only = LocalEngine(rules=())
    for engine in (with_rules, harper_only):
        engine.warm_up()
        measure(engine, text)  # first call builds caches (tables, linter)
    ours, alone = [], []
    for _ in range(repeat):
        alone.append(measure(harper_only, text))
        ours.append(measure(with_rules, text))
    # Each pair ran back to back, so its ratio is little moved by other work on the machine.
    ratios = [mine / theirs for mine, theirs in zip(ours, alone, strict=True)]
    issues_ours = len(with_rules.check(text, CheckOptions()).issues)
    issues_alone = len(harper_only.check(text, CheckOptions()).issues)
    median_ours, median_alone = statistics.median(ours), statistics.median(alone)
    return {
        "words": len(text.split()),
        "repeat": repeat,
        "alone_ms": median_alone * 1000,
        "ours_ms": median_ours * 1000,
        "overhead": statistics.median(ratios) - 1,
        "rules": len(builtin_rules()),
        "issues_alone": issues_alone,
        "issues_ours": issues_ours,
    }


def section(dense: dict[str, float | int], clean: dict[str, float | int]) -> list[str]:
    """The lines of the BENCHMARKS.md section, between its markers."""
    verdict = "within" if dense["overhead"] <= TARGET else "OVER"
    rows = []
    for name, figures in (("with troubled sentences", dense), ("clean prose only", clean)):
        rows += [
            f"| {name} | Harper alone | {figures['alone_ms']:.1f} ms | "
            f"{figures['issues_alone']} | |",
            f"| {name} | Harper + our rules | {figures['ours_ms']:.1f} ms | "
            f"{figures['issues_ours']} | **+{figures['overhead']:.0%}** |",
        ]
    return [
        "## Local engine: our rules on top of Harper",
        "",
        f"`bench/bench_local_rules.py`: one `/v1/check`-equivalent call (`LocalEngine.check`) "
        f"on the same text of about {dense['words']:,} words, with our {dense['rules']} rules "
        f"and with Harper alone, alternating, {dense['repeat']} times each in one run. The "
        "text is the clean-prose corpus, once with sentences full of what our rules look for "
        "after every paragraph (an issue-dense worst case) and once as it is. Both engines "
        "are warm: checking the same text again, Harper answers from the lints it "
        "remembers and our parser from its cache, so this is the cost of a re-check "
        "(never-seen text: the grammar section above). Times are medians; the overhead is "
        "the median of the paired ratios (each pair ran back to back, so other work on the "
        "machine moves both).",
        "",
        "| text | engine | median | issues | overhead |",
        "| --- | --- | --- | --- | --- |",
        *rows,
        "",
        f"Target: our rules add at most {TARGET:.0%}; {verdict} target on the issue-dense "
        f"text. Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, shared with other work while measured.",
    ]


def main() -> None:
    """Run the benchmark and write its section."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    dense = run(args.repeat, sample_text(args.words))
    clean = run(args.repeat, sample_text(args.words, trouble=""))
    lines = section(dense, clean)
    print(section_text(lines, MARK))
    if not args.no_write:
        write_section(lines, MARK)


if __name__ == "__main__":
    main()
