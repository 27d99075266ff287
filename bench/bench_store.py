"""Benchmark: the machine's store (SQLite in WAL mode) against Redis and against a process's
own memory, for what the workers of a server share (issue 22).

1. An increment (a rate-limit window's hit; a count written once, as budgets and feedback
   are), a lookup of a count, and a lookup of a re-checked document's 30 paragraph results,
   each in this machine's store, in Redis on loopback (``redis-server``, no persistence,
   through the server's own code paths) and in a dict of this process (what each worker kept
   before: the baseline of cost, not of correctness).
2. Two processes incrementing at once, as two workers do.
3. A check on a cache hit (a 2,000-word document checked again, and with one paragraph
   edited), p50 and p95, with the paragraph cache in the store and in the process's memory.

Writes its section of BENCHMARKS.md between ``<!-- bench:store -->`` markers. ``--tiny``
measures a few operations without writing (``make test`` runs it so the script keeps
working). Usage:

    .venv/bin/python bench/bench_store.py [--tiny] [--no-write]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import redis  # noqa: E402
from corpus import VariedProse  # noqa: E402
from live_server import free_port  # noqa: E402
from report import arguments, machine_line, publish  # noqa: E402

from addin_server.engines.base import CheckOptions  # noqa: E402
from addin_server.engines.local.engine import LocalEngine  # noqa: E402
from addin_server.engines.local.result_cache import (  # noqa: E402
    MemoryResults,
    StoredResults,
    decode,
    encode,
)
from addin_server.limits.rate_storage import SharedWindows  # noqa: E402
from addin_server.store.blobs import BlobCache  # noqa: E402
from addin_server.store.shared_state import SharedState  # noqa: E402

MARK = "bench:store"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


@contextmanager
def redis_running() -> Iterator[str]:
    """A throwaway ``redis-server`` on a loopback port; yields its URL."""
    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, *f"--port {port} --bind 127.0.0.1 --appendonly no".split(), "--save", ""],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        process.terminate()
        process.wait(10)


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.0f} µs" if seconds >= 9.95e-6 else f"{seconds * 1e6:.1f} µs"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def timed(operation: Callable[[int], object], count: int) -> tuple[float, float]:
    """Median and p95 of ``count`` calls of ``operation(n)``."""
    operation(-1)  # first use: connections, statements
    samples = []
    for n in range(count):
        started = time.perf_counter()
        operation(n)
        samples.append(time.perf_counter() - started)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


class Memory:
    """What each worker kept before: a dict under a lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counts: dict[str, int] = {}

    def add(self, key: str, amount: int = 1) -> int:
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + amount
            return self.counts[key]

    def get(self, key: str) -> int:
        with self.lock:
            return self.counts.get(key, 0)


def operations(
    engine: LocalEngine, redis_url: str, folder: Path, count: int, words: int
) -> list[str]:
    """Rows of goal 1: each operation in the store, in Redis, in memory."""
    local = SharedState("", folder)
    remote = SharedState(redis_url, folder / "redis")
    windows = {"store": SharedWindows(shared=local), "Redis": SharedWindows(shared=remote)}
    memory = Memory()
    raw = redis.Redis.from_url(redis_url)
    systems: dict[str, dict[str, Callable[[int], object]]] = {
        "a rate-limit window's hit (increment, window's end kept)": {
            "store": lambda n: windows["store"].incr("bench:window", 60),
            "Redis": lambda n: windows["Redis"].incr("bench:window", 60),
            "memory": lambda n: memory.add("bench:window"),
        },
        "a count written once (budget, feedback: increment with an id)": {
            "store": lambda n: local.counts.add("bench:count", {"": 5}, 3600),
            "Redis": lambda n: remote.counts.add("bench:count", {"": 5}, 3600),
            "memory": lambda n: memory.add("bench:count", 5),
        },
        "a count looked up": {
            "store": lambda n: local.counts.read(["bench:count"], single=True),
            "Redis": lambda n: remote.counts.read(["bench:count"], single=True),
            "memory": lambda n: memory.get("bench:count"),
        },
    }
    rows = []
    for name, runs in systems.items():
        figures = {system: timed(run, count) for system, run in runs.items()}
        cells = [f"{us(p50)} / {us(p95)}" for p50, p95 in figures.values()]
        ratio = figures["Redis"][0] / figures["store"][0]
        rows.append(f"| {name} | {' | '.join(cells)} | {ratio:.1f}× |")
    rows.append(paragraph_lookups(engine, raw, folder, max(count // 10, 5), words))
    remote.close()
    return rows


def paragraph_lookups(
    engine: LocalEngine, raw: redis.Redis, folder: Path, count: int, words: int
) -> str:
    """A re-check's 30 paragraph results: one query of the store, one MGET of Redis, the
    process's map; each decoded to results."""
    text = VariedProse(words, seed=5)()
    engine.check(text, CheckOptions())
    memory = engine._cached.cache  # type: ignore[union-attr]
    assert isinstance(memory, MemoryResults)
    keys = list(memory._entries)[:30]
    results = [memory.get(key) for key in keys]
    (folder / "cache").mkdir()
    stored = StoredResults(BlobCache(folder / "cache", 64_000_000))
    stored.put_many([(key, result) for key, result in zip(keys, results, strict=True) if result])
    raw.mset({key: encode(result) for key, result in zip(keys, results, strict=True) if result})
    figures = [
        timed(lambda n: stored.get_many(keys), count),
        timed(lambda n: [decode(value) for value in raw.mget(keys) if value], count),
        timed(lambda n: memory.get_many(keys), count),
    ]
    cells = [f"{us(p50)} / {us(p95)}" for p50, p95 in figures]
    ratio = figures[1][0] / figures[0][0]
    return (
        f"| a re-check's {len(keys)} paragraph results looked up (decoded) | "
        f"{' | '.join(cells)} | {ratio:.1f}× |"
    )


def _hits(url: str, folder: str, count: int) -> None:
    """In a child process: ``count`` window hits."""
    state = SharedState(url, Path(folder))
    windows = SharedWindows(shared=state)
    for _ in range(count):
        windows.incr("bench:together", 60)
    os._exit(0)


def together(redis_url: str, folder: Path, count: int) -> list[str]:
    """Goal 2: two processes hitting one window at once: hits per second in all."""
    rows = []
    for name, url in (("store", ""), ("Redis", redis_url)):
        started = time.perf_counter()
        children = []
        for _ in range(2):
            pid = os.fork()
            if pid == 0:
                _hits(url, str(folder), count)
            children.append(pid)
        for pid in children:
            os.waitpid(pid, 0)
        elapsed = time.perf_counter() - started
        rows.append(f"| {name} | {2 * count:,} | {2 * count / elapsed:,.0f} |")
    final = SharedWindows(shared=SharedState("", folder)).get("bench:together")
    assert final == 2 * count, f"the store lost hits: {final}"  # one truth, not just speed
    return rows


def cache_hits(engine: LocalEngine, folder: Path, rounds: int, words: int, warm: bool) -> list[str]:
    """Goal 3: a check of a document seen before (and with one paragraph edited), with the
    paragraph cache in the store and in memory (``engine``'s, warm when ``warm`` is)."""
    (folder / "hits").mkdir()
    stored = LocalEngine(results=StoredResults(BlobCache(folder / "hits", 64_000_000)))
    if warm:
        stored.warm_up()
    engines = {"memory (one process)": engine, "the store (every worker)": stored}
    texts = VariedProse(words, seed=17)
    rows = []
    samples: dict[str, dict[str, list[float]]] = {
        name: {"same": [], "edited": []} for name in engines
    }
    for turn in range(rounds):
        parts = texts.paragraphs()
        document = "\n\n".join(parts)
        middle = len(parts) // 2
        edited = list(parts)
        edited[middle] = edited[middle].replace(" ", " very ", 1)
        order = list(engines.items())  # the second to check a text finds more parses cached
        for name, engine in order if turn % 2 else order[::-1]:
            engine.check(document, CheckOptions())
            for kind, text in (("same", document), ("edited", "\n\n".join(edited))):
                started = time.perf_counter()
                engine.check(text, CheckOptions())
                samples[name][kind].append(time.perf_counter() - started)
    base = {
        kind: statistics.median(samples["memory (one process)"][kind])
        for kind in samples["memory (one process)"]
    }
    for name, kinds in samples.items():
        cells = []
        for kind in ("same", "edited"):
            ordered = sorted(kinds[kind])
            p50, p95 = statistics.median(ordered), ordered[int(0.95 * (len(ordered) - 1))]
            cells.append(f"{ms(p50)} / {ms(p95)} ({p50 / base[kind]:.2f}×)")
        rows.append(f"| {name} | {' | '.join(cells)} |")
    return rows


def main() -> None:
    args = arguments(__doc__, tiny="a few operations, no writing").parse_args()
    count, together_count, rounds, words = (
        (20, 50, 1, 200) if args.tiny else (5_000, 5_000, 15, 2_000)
    )
    engine = LocalEngine(cache_mb=64)
    if not args.tiny:
        engine.warm_up()
    with tempfile.TemporaryDirectory(prefix="penwise-bench-store-") as name:
        folder = Path(name)
        (folder / "redis").mkdir()
        with redis_running() as url:
            operation_rows = operations(engine, url, folder, count, words)
            together_rows = together(url, folder / "redis", together_count)
        hit_rows = cache_hits(engine, folder, rounds, words, warm=not args.tiny)
    machine = machine_line()
    lines = [
        "## The store the workers share: SQLite on the machine against Redis (issue 22)",
        "",
        "`.venv/bin/python bench/bench_store.py` (in `make bench`). The store: SQLite in "
        "WAL mode in the server's own folder (`ADDIN_STATE_DIR`), through the server's "
        "code. Redis: `redis-server` on loopback, no persistence, through the same code "
        "as with `ADDIN_REDIS_URL` (Lua scripts, one round trip). Memory: a dict under a "
        "lock in one process, what each worker kept before (fast, and wrong with more "
        "than one worker). " + machine,
        "",
        f"### One operation, one thread (p50 / p95 of {count:,})",
        "",
        "| operation | store | Redis | memory | Redis / store |",
        "| --- | --- | --- | --- | --- |",
        *operation_rows,
        "",
        f"### Two processes hitting one rate-limit window at once ({together_count:,} each)",
        "",
        "| where | hits | hits per second in all |",
        "| --- | --- | --- |",
        *together_rows,
        "",
        "Both end at exactly the sum of the hits: no count is lost.",
        "",
        f"### A check on a cache hit, {words:,} words, in process (p50 / p95 of {rounds}, "
        "against the cache in memory)",
        "",
        "| paragraph cache | the same document again | one paragraph edited |",
        "| --- | --- | --- |",
        *hit_rows,
    ]
    publish(lines, MARK, args)


if __name__ == "__main__":
    main()
