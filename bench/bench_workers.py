"""Benchmark: ``addin-server serve`` with one worker process against two (issue 14, goals 3, 4).

For each configuration (waitress with ``ADDIN_WORKERS`` 1 and 2, which build the engines
before forking, and gunicorn with 2 workers, each building its own), on 300-word texts:

1. Memory of the whole process tree (the supervisor and its workers): RSS summed, which counts
   a shared page once per process, and PSS summed (``/proc/<pid>/smaps_rollup``), which splits
   it among them: the memory the machine really spends. Taken when ready and after 100,
   1,000, 2,000 and 3,000 requests (concurrency 4): caches bounded by design (the results,
   the parses, what Harper remembers) fill as new texts come, so the later rounds show
   where the growth stops.
2. Throughput at concurrency 1, 4 and 16 (bench_speed's throughput part), after a warm-up round
   of other texts so that every thread has checked a few (Harper keeps caches per thread).

3. Balance (issue 23, part 4; bench/worker_balance.py): each worker's share of the requests
   of 16 kept-alive clients, and throughput before, during and after one worker is killed.

Writes its sections of BENCHMARKS.md between ``<!-- bench:workers -->`` and
``<!-- bench:balance -->`` markers (Linux only: it reads /proc). ``--tiny`` runs one small
round without writing; ``--balance`` runs the third part only. Usage:

    .venv/bin/python bench/bench_workers.py [--tiny] [--no-write] [--balance]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_speed import throughput  # noqa: E402
from corpus import VariedProse  # noqa: E402
from live_server import post, served_process  # noqa: E402
from report import arguments, machine_memory, publish  # noqa: E402
from worker_balance import LIFE_SECONDS, measure_balance  # noqa: E402

from tests.processes import workers_of  # noqa: E402

MARK = "bench:workers"
BALANCE_MARK = "bench:balance"
DEFAULT = "waitress, 2 workers (default)"
CONFIGS = {
    "waitress, 1 worker": {"ADDIN_WORKERS": "1"},
    # The result cache (ADDIN_CACHE_MB, 64 by default) fills by design as new texts come:
    # without it, what remains of the growth is not the cache's.
    "waitress, 1 worker, `ADDIN_CACHE_MB=0`": {"ADDIN_WORKERS": "1", "ADDIN_CACHE_MB": "0"},
    "waitress, 2 workers (default)": {"ADDIN_WORKERS": "2"},
    "gunicorn, 2 workers": {"ADDIN_WORKERS": "2", "ADDIN_SERVER": "gunicorn"},
}


def memory(root: int) -> tuple[float, float]:
    """RSS and PSS of ``root``'s process tree, in MiB."""
    rss = pss = 0
    for pid in [root, *workers_of(root)]:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, *rest = line.split()
            if name == "Rss:":
                rss += int(rest[0])
            elif name == "Pss:":
                pss += int(rest[0])
    return rss / 1024, pss / 1024


def load(url: str, texts: VariedProse, count: int, concurrency: int) -> None:
    bodies = [{"text": texts()} for _ in range(count)]
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda body: post(url, body), bodies))


def measure(
    env: dict[str, str],
    rounds: tuple[int, ...],
    counts: dict[int, int],
    words: int,
    then: Callable[[str, int], object] | None = None,
):
    """Memory when ready and after each number of requests, then the throughput rows; then
    ``then(url, pid)`` on the same server, if given."""
    with served_process(env) as (url, pid):
        figures = [memory(pid)]
        texts, done = VariedProse(words, seed=17), 0
        for total in rounds:
            load(url, texts, total - done, 4)
            done = total
            time.sleep(0.5)
            figures.append(memory(pid))
        load(url, VariedProse(words, seed=21), 10 * max(counts), max(counts))  # warm threads
        rows = throughput(url, words, counts)
        if then is not None:
            then(url, pid)
    return figures, rows


def main() -> None:
    parser = arguments(__doc__, tiny="one small round, no writing")
    parser.add_argument("--balance", action="store_true", help="the balance part only")
    args = parser.parse_args()
    window, during = (1.0, 1.0) if args.tiny else (20.0, 5.0)
    balance: dict[str, object] = {}
    if args.balance:  # a server of its own, whose workers must first live 32 s
        with served_process(CONFIGS[DEFAULT]) as (url, pid):
            balance = measure_balance(url, pid, window, LIFE_SECONDS, during)
        _write_balance(balance, window, args)
        return
    rounds, counts, words = (
        ((4,), {1: 2, 4: 4}, 20)
        if args.tiny
        else ((100, 1000, 2000, 3000), {1: 20, 4: 40, 16: 64}, 300)
    )

    def then(url: str, pid: int) -> None:  # on the default server, once its rounds are done
        balance.update(measure_balance(url, pid, window, 0.0, during))

    results = {
        name: measure(env, rounds, counts, words, then if name == DEFAULT else None)
        for name, env in CONFIGS.items()
    }
    _write_balance(balance, window, args)
    one = results["waitress, 1 worker"][0]
    memory_rows, throughput_rows = [], []
    for name, (figures, rows) in results.items():
        cells = " | ".join(
            f"{rss:,.0f} / {pss:,.0f} ({pss / one[index][1]:.2f}×)"
            for index, (rss, pss) in enumerate(figures)
        )
        memory_rows.append(f"| {name} | {cells} |")
        throughput_rows += [f"| {name} {row}" for row in rows]
    after = " | ".join(f"after {count:,} requests" for count in rounds)
    lines = [
        "## Worker processes: memory and throughput of 1 and 2 workers (issue 14, goals 3, 4)",
        "",
        "`.venv/bin/python bench/bench_workers.py` (in `make bench`). Each configuration "
        f"serves {words}-word texts (bench/corpus.py); memory is summed over the process "
        "tree (the supervisor and its workers), RSS / PSS in MiB with PSS against one "
        "waitress worker in brackets; PSS counts a page shared by n processes as 1/n in "
        f"each, so it is what the machine spends. Machine: {platform.machine()}, "
        f"{os.cpu_count()} cores, {machine_memory()}, Python {platform.python_version()}; load "
        f"average {os.getloadavg()[0]:.1f} at the end.",
        "",
        f"| server | ready | {after} |",
        "| --- | --- |" + " --- |" * len(rounds),
        *memory_rows,
        "",
        "Throughput after a warm-up round of other texts (bench_speed's throughput part):",
        "",
        "| server | concurrency | requests | req/s | vs concurrency 1 | p50 | p95 | errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *throughput_rows,
    ]
    publish(lines, MARK, args)


def _write_balance(found: dict[str, object], window: float, args: argparse.Namespace) -> None:
    publish(balance_section(found, window), BALANCE_MARK, args)


def balance_section(found: dict[str, object], window: float) -> list[str]:
    """The balance part: the lines of its section of BENCHMARKS.md."""
    rows = found["rows"]
    assert isinstance(rows, dict)
    before = rows["before"]["req/s"]
    names = ("killed worker", "other worker", "new worker", "unknown")
    lines = []
    for window_name, row in rows.items():
        shares = " | ".join(f"{row['shares'].get(n, 0.0):.0%}" for n in names)
        ratio = f"{row['req/s'] / before:.2f}×" if before else "—"
        lines.append(
            f"| {window_name} | {row['req/s']:.1f} | {ratio} | {shares} | {row['errors']} |"
        )
    took = found["new worker serves a third after"]
    took_text = f"{took:.1f} s" if took is not None else "never, in the window"
    return [
        "## Worker balance: 16 kept-alive clients on 2 workers, and a worker crash "
        "(issue 23, part 4)",
        "",
        "`.venv/bin/python bench/bench_workers.py` (after the rounds of the default "
        "configuration, on its server), or `--balance` alone (once its workers have lived "
        "32 s: a younger one is restarted after a back-off). 16 client threads check "
        "300-word texts in a loop, each on a kept-alive connection (a new one after "
        "`Connection: close` or an error); which worker holds a connection is read from "
        "/proc. Then one worker is killed with SIGKILL; throughput is "
        f"against the {window:.0f} s before (the same run). A worker's share is of the "
        "requests answered in the window (`unknown`: a connection too short-lived to be "
        f"seen). Machine: {platform.machine()}, {os.cpu_count()} cores; load average "
        f"{os.getloadavg()[0]:.1f} at the end.",
        "",
        "| window | req/s | vs before | killed worker | other worker | new worker | unknown "
        "| errors |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *lines,
        "",
        f"The new worker served a third of the requests {took_text} after the kill; "
        f"{found['reconnects']} connections were opened in all.",
    ]


if __name__ == "__main__":
    main()
