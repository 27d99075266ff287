"""The machine's counters: windows that end, counts that expire, changes one process wins."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from addin_server.store.counts import LocalCounts


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_window_counts_until_it_ends_then_starts_again(tmp_path: Path) -> None:
    clock = Clock()
    counts = LocalCounts(tmp_path, clock)
    assert counts.hit("client", 60) == (1, clock.now + 60)
    clock.now += 59
    assert counts.hit("client", 60) == (2, clock.now + 1)  # the window keeps its end
    clock.now += 1
    assert counts.get("client") == {}
    assert counts.hit("client", 60) == (1, clock.now + 60)


def test_a_count_lives_from_its_last_write(tmp_path: Path) -> None:
    clock = Clock()
    counts = LocalCounts(tmp_path, clock)
    counts.add("hour", {"a": 1, "b": 2}, 100)
    clock.now += 90
    assert counts.add("hour", {"a": 1}, 100) == {"a": 2}
    clock.now += 20
    assert counts.get("hour") == {"a": 2}  # "b" was not written again: it expired
    assert counts.get_many(["hour", "other"]) == [{"a": 2}, {}]


def test_processes_that_count_at_once_lose_nothing(tmp_path: Path) -> None:
    views = [LocalCounts(tmp_path) for _ in range(4)]  # as four workers open the file
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda n: views[n % 4].add("k", {"": 1}, 60), range(400)))
    assert views[0].get("k") == {"": 400}


def test_of_all_who_make_the_same_change_one_is_told_it_changed(tmp_path: Path) -> None:
    views = [LocalCounts(tmp_path) for _ in range(4)]
    with ThreadPoolExecutor(8) as pool:
        changed = list(pool.map(lambda n: views[n % 4].change_fact("redis", "down", 60), range(16)))
    assert changed.count(True) == 1
    assert views[1].change_fact("redis", "up", 60) and not views[2].change_fact("redis", "up", 60)
