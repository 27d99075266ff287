"""Benchmark: how fast Penwise answers (issue 14), each figure against a baseline of this run.

1. Warm ``/v1/check`` over HTTP against harper-py linting the same text in this process, on
   200, 2,000 and 20,000 words of varied prose, a new text every round (bench/corpus.py);
   and on 2,000 words of clean prose against the same prose with an issue every 8 words
   (error-dense: a check's cost must not grow with its issues), each against Harper.
2. A re-check of a 2,000-word document after a one-paragraph edit, against a cold check of it:
   on one kept-alive connection, and on a new connection each (either worker answers).
3. Throughput against ``addin-server serve`` (default workers) at concurrency 1, 4 and 16 on
   300-word texts: requests per second, p50/p95, errors.
4. Cold start: process start to the first answered ``/v1/check``, against a bare process that
   imports harper-py and lints one sentence.
5. ``addin-server check`` of one sentence, against the same bare process.
6. ``/v2/check`` (LanguageTool's API, form-encoded) against ``/v1/check`` on 2,000 words.

Writes its section of BENCHMARKS.md between ``<!-- bench:speed -->`` markers; ``--tiny`` and
``--no-write`` as bench/report.py says. Usage:

    .venv/bin/python bench/bench_speed.py [--tiny] [--no-write]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import harper  # noqa: E402
from corpus import DocstringProse, VariedProse  # noqa: E402
from live_server import post, post_form, post_on_new_connection, served  # noqa: E402
from report import arguments, machine_line, publish  # noqa: E402

from addin_server.engines.local import harper as harper_backend  # noqa: E402

MARK = "bench:speed"
BIN = ROOT / ".venv" / "bin"
SENTENCE = "Their is a error in this sentance, and we made a decision to plan ahead.\n"
BARE = (
    "import harper; linter = harper.Linter(harper.Dialect.AMERICAN); "
    f"linter.organized_lints({SENTENCE!r})"
)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.0995 else f"{seconds * 1000:.1f} ms"


def against_harper(url: str, texts: Callable[[], str], rounds: int) -> tuple[float, float, float]:
    """Medians of ``/v1/check`` over HTTP and of harper-py in process on the same new texts
    (in alternating order), and the words per issue of our answers."""
    linter = harper.Linter(harper.Dialect.AMERICAN)
    linter.set_lint_config(harper_backend.default_config())
    post(url, {"text": texts()})
    linter.organized_lints(texts())
    ours, theirs = [], []
    words = issues = 0
    for turn in range(rounds):
        text = texts()
        runs = [
            (theirs, lambda text=text: linter.organized_lints(text)),
            (ours, lambda text=text: post(url, {"text": text})),
        ]
        for samples, run in runs if turn % 2 else runs[::-1]:
            started = time.perf_counter()
            answer = run()
            samples.append(time.perf_counter() - started)
            if samples is ours:
                words, issues = words + len(text.split()), issues + len(answer["issues"])
    return statistics.median(ours), statistics.median(theirs), words / max(issues, 1)


def harper_row(label: str, mine: float, harpers: float, rounds: int) -> str:
    target = 1.3 * harpers + 0.003
    return (
        f"| {label} | {ms(harpers)} | {ms(mine)} | **{mine / harpers:.2f}×** | "
        f"{ms(target)} | {'met' if mine <= target else 'not met'} | {rounds} |"
    )


def warm_check(url: str, sizes: dict[int, int]) -> list[str]:
    """Goal 1: the warm check over HTTP against harper-py in process, same texts."""
    rows = []
    for words, rounds in sizes.items():
        mine, harpers, _ = against_harper(url, VariedProse(words, seed=words), rounds)
        rows.append(harper_row(f"{words:,} words", mine, harpers, rounds))
    return rows


def dense_and_clean(url: str, words: int, rounds: int) -> list[str]:
    """Goal 1, by density of issues: clean prose, and the same prose with an issue every 8
    words, each against Harper on the same texts."""
    rows = []
    for label, fault_every in (("clean prose", None), ("error-dense (a fault every 8 words)", 8)):
        texts = DocstringProse(words, seed=23, fault_every=fault_every)
        mine, harpers, density = against_harper(url, texts, rounds)
        rows.append(
            harper_row(
                f"{label}: {words:,} words, an issue every {density:.1f}", mine, harpers, rounds
            )
        )
    return rows


def languagetool(url: str, words: int, rounds: int) -> list[str]:
    """Goal 6: ``/v2/check`` (LanguageTool's API) against ``/v1/check``, new texts each.

    Each round sends each endpoint a text of its own (never the other's, so the paragraph
    cache cannot serve one from the other), in alternating order. Texts differ in what they
    cost (7 rounds gave 0.95× to 1.14× in one day's runs), so this part runs 3 times the
    rounds it is given.
    """
    texts = VariedProse(words, seed=11)
    post(url, {"text": texts()})
    post_form(url, {"text": texts(), "language": "en-US"})
    v1, v2 = [], []
    for turn in range(3 * rounds):
        first, second = texts(), texts()
        runs = [
            (v1, lambda first=first: post(url, {"text": first})),
            (v2, lambda second=second: post_form(url, {"text": second, "language": "en-US"})),
        ]
        for samples, run in runs if turn % 2 else runs[::-1]:
            started = time.perf_counter()
            run()
            samples.append(time.perf_counter() - started)
    ours, theirs = statistics.median(v2), statistics.median(v1)
    ratio = ours / theirs
    return [
        f"| `/v1/check` | {ms(theirs)} | 1.00× | |",
        f"| `/v2/check` (form-encoded, `language=en-US`) | {ms(ours)} | **{ratio:.2f}×** | "
        f"within 1.1×: {'met' if ratio <= 1.1 else 'not met'} |",
    ]


def recheck(url: str, words: int, rounds: int) -> list[str]:
    """Goal 2: a document checked, one paragraph edited, checked again: on one kept-alive
    connection, then each request on a new connection (either worker answers)."""
    texts = VariedProse(words, seed=7)
    post(url, {"text": texts()})
    rows = []
    for how, send in (
        ("one kept-alive connection", post),
        ("a new connection each", post_on_new_connection),
    ):
        colds, warms, served = [], [], 0
        for _ in range(rounds):
            parts = texts.paragraphs()
            document = "\n\n".join(parts)
            started = time.perf_counter()
            send(url, {"text": document})
            colds.append(time.perf_counter() - started)
            middle = len(parts) // 2
            parts[middle] = parts[middle].replace(" ", " very ", 1) + " Their is a error here."
            started = time.perf_counter()
            answer = send(url, {"text": "\n\n".join(parts)})
            warms.append(time.perf_counter() - started)
            cache = answer["cache"] or {}
            served += cache.get("from_cache") == cache.get("paragraphs", 0) - 1
        cold, warm = statistics.median(colds), statistics.median(warms)
        rows += [
            f"| {how}: cold check of a new {words:,}-word document ({len(parts)} paragraphs) "
            f"| {ms(cold)} | 1.00× | |",
            f"| {how}: the same with one paragraph edited | {ms(warm)} | **{warm / cold:.2f}×** "
            f"(target 0.2×: {'met' if warm <= 0.2 * cold else 'not met'}) | {served} of {rounds} |",
        ]
    return rows


def throughput(url: str, words: int, counts: dict[int, int]) -> list[str]:
    """Goal 3: requests per second and latency at several concurrencies."""
    texts = VariedProse(words, seed=3)
    rows, baseline = [], None
    for concurrency, requests in counts.items():
        bodies = [{"text": texts()} for _ in range(requests)]
        latencies: list[float] = []
        errors = 0

        def one(body: dict[str, str]) -> float | None:
            started = time.perf_counter()
            try:
                post(url, body)
            except OSError:
                return None
            return time.perf_counter() - started

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            for latency in pool.map(one, bodies):
                if latency is None:
                    errors += 1
                else:
                    latencies.append(latency)
        elapsed = time.perf_counter() - started
        rate = len(latencies) / elapsed
        baseline = baseline or rate
        ordered = sorted(latencies) or [0.0]
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        rows.append(
            f"| {concurrency} | {requests} | {rate:.1f} | {rate / baseline:.2f}× | "
            f"{ms(statistics.median(ordered))} | {ms(p95)} | {errors} |"
        )
    return rows


def timed_process(command: list[str], stdin: str | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, input=stdin, text=True, capture_output=True, check=False)
    return time.perf_counter() - started


def startup(rounds: int, after_ready: int, words: int) -> list[str]:
    """Goals 4 and 5: cold start to a first answer, the checks that follow it, and the CLI
    on one sentence."""
    bare, first, cli, following = [], [], [], []
    texts = VariedProse(words, seed=29)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write(SENTENCE)
    for _ in range(rounds):
        bodies = [{"text": texts()} for _ in range(after_ready)]
        bare.append(timed_process([str(BIN / "python"), "-c", BARE]))
        started = time.perf_counter()
        with served() as url:
            post(url, {"text": SENTENCE})
            first.append(time.perf_counter() - started)
            for body in bodies:  # a lazy part of an engine would show as one slow check
                sent = time.perf_counter()
                post(url, body)
                following.append(time.perf_counter() - sent)
        cli.append(timed_process([str(BIN / "addin-server"), "check", handle.name]))
    os.unlink(handle.name)
    base = statistics.median(bare)
    start, check = statistics.median(first), statistics.median(cli)
    typical, slowest = statistics.median(following), max(following)
    return [
        f"| a bare process: import harper-py, lint one sentence | {ms(base)} | 1.00× | |",
        f"| `addin-server serve`: start to first answered `/v1/check` | {ms(start)} | "
        f"{start / base:.2f}× | under 3 s: {'met' if start < 3 else 'not met'} |",
        f"| the {after_ready} checks after it ({words} new words each), slowest of "
        f"{len(following)} | {ms(slowest)} ({slowest / typical:.1f}× their median, "
        f"{ms(typical)}) | | (an engine part built on first use would show here) |",
        f"| `addin-server check FILE` of one sentence | {ms(check)} | {check / base:.2f}× | "
        f"under 1.5 s: {'met' if check < 1.5 else 'not met'} |",
    ]


def main() -> None:
    args = arguments(__doc__, tiny="once, tiny texts, no writing").parse_args()
    if args.tiny:
        sizes, recheck_words, rounds, dense_rounds = {20: 1}, 60, 1, 1
        counts, selection, starts, after_ready = {1: 1, 4: 2}, 20, 1, 2
    else:
        sizes, recheck_words, rounds, dense_rounds = {200: 15, 2_000: 9, 20_000: 3}, 2_000, 7, 15
        counts, selection, starts, after_ready = {1: 20, 4: 40, 16: 64}, 300, 3, 20
    with served() as url:
        warm_rows = warm_check(url, sizes)
        dense_rows = dense_and_clean(url, recheck_words, dense_rounds)
        recheck_rows = recheck(url, recheck_words, rounds)
        lt_rows = languagetool(url, recheck_words, rounds)
        throughput_rows = throughput(url, selection, counts)
    start_rows = startup(starts, after_ready, selection)
    machine = machine_line()
    command = "`.venv/bin/python bench/bench_speed.py` (in `make bench`)"
    lines = [
        "## Speed: warm check, re-check, throughput, start-up (issue 14)",
        "",
        f"{command}. Every text is new (bench/corpus.py: standard-library docstrings "
        "with JFLEG learner sentences, misspellings, emoji), so neither Harper's memory "
        "nor our cache flatters a figure unless the row says so. `addin-server serve` "
        "runs with its defaults (cache on, `ADDIN_CACHE_MB=64`). " + machine,
        "",
        "### Warm `/v1/check` over HTTP against harper-py in process (same texts)",
        "",
        "| text | harper-py `organized_lints` | `/v1/check` over HTTP | ratio | "
        "target (1.3× + 3 ms) | | rounds |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *warm_rows,
        "",
        "### Clean against error-dense prose, each against harper-py (same texts)",
        "",
        "The standard library's paragraphs as they are, and the same kind with every "
        "eighth word misspelt or made chat shorthand and runs of sentences that open "
        'alike (`DocstringProse` in bench/corpus.py); "an issue every N" counts the '
        "words per issue of our answers. A check's cost must not grow with its issues.",
        "",
        "| text | harper-py `organized_lints` | `/v1/check` over HTTP | ratio | "
        "target (1.3× + 3 ms) | | rounds |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *dense_rows,
        "",
        "### Re-check after a one-paragraph edit (HTTP, medians)",
        "",
        "With the default 2 workers. On a new connection each, the kernel hands the "
        "re-check to either worker: the paragraph cache is the server's, not a worker's. "
        "The last column counts the re-checks whose answer says every paragraph but the "
        "edited one came from the cache (`cache.from_cache`).",
        "",
        "| what | time | vs cold | served by the cache |",
        "| --- | --- | --- | --- |",
        *recheck_rows,
        "",
        f"### LanguageTool clients: `/v2/check` against `/v1/check` on {recheck_words:,} "
        "words (HTTP, medians, a new text every request)",
        "",
        "| endpoint | time | vs `/v1/check` | goal |",
        "| --- | --- | --- | --- |",
        *lt_rows,
        "",
        f"### Throughput on {selection}-word texts (default workers)",
        "",
        "| concurrency | requests | req/s | vs concurrency 1 | p50 | p95 | errors |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *throughput_rows,
        "",
        "### Start-up (medians)",
        "",
        "| what | time | vs bare harper-py | goal |",
        "| --- | --- | --- | --- |",
        *start_rows,
    ]
    publish(lines, MARK, args)


if __name__ == "__main__":
    main()
