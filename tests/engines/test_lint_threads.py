"""The lanes every Harper lint runs on: one may be the calling thread (a worker's main thread,
warm from the parent), each is warmed once, and a lane still warming holds no lint."""

from __future__ import annotations

import threading

import pytest

from addin_server.engines.local.lint_threads import LintThreads


def test_a_claimed_lane_runs_lints_on_the_thread_that_works_there() -> None:
    lanes = LintThreads(2)
    lanes.claim_a_lane()
    main = threading.current_thread()
    done = threading.Event()
    seen: list[threading.Thread] = []

    def client() -> None:
        try:
            executor = lanes.executor()
            # Lane 0's own queue reaches only the thread that works there.
            seen.append(executor.submit_to(0, threading.current_thread).result(timeout=10))
            done.set()
        finally:
            lanes.stop()

    thread = threading.Thread(target=client)
    thread.start()
    lanes.work_here()  # returns once stop() is called
    thread.join(10)
    assert done.is_set() and seen == [main]


def test_in_a_worker_warm_returns_once_its_own_lane_is_warm_and_the_others_warm_behind() -> None:
    lanes = LintThreads(2)
    lanes.claim_a_lane()  # this thread is lane 0, as a worker's main thread is
    release = threading.Event()
    second_warm = threading.Event()
    warmed: list[str] = []
    returned = threading.Event()

    def work() -> None:
        warmed.append(threading.current_thread().name)
        if len(warmed) == 2:
            release.wait(10)  # the second lane's warm-up takes long
            second_warm.set()

    def warm_then_check() -> None:
        try:
            lanes.warm(work)
            returned.set()
            assert not second_warm.is_set()  # ready before every lane is warm
            # While one lane still warms, the other (this process's main thread) lints.
            assert lanes.executor().submit(lambda: "checked").result(timeout=5) == "checked"
        finally:
            release.set()
            lanes.stop()

    thread = threading.Thread(target=warm_then_check)
    thread.start()
    lanes.work_here()
    thread.join(10)
    assert returned.is_set() and len(set(warmed)) == 2, warmed


def test_in_one_process_warm_returns_once_every_lane_is_warm() -> None:
    lanes = LintThreads(3)
    warmed: list[str] = []
    try:
        lanes.warm(lambda: warmed.append(threading.current_thread().name))
        assert len(set(warmed)) == 3  # each lane warmed, on its own thread
    finally:
        lanes.stop()


def test_an_error_in_a_lint_reaches_the_caller_and_the_lane_goes_on() -> None:
    lanes = LintThreads(1)
    try:
        with pytest.raises(ZeroDivisionError):
            lanes.executor().submit(lambda: 1 / 0).result(timeout=5)
        assert lanes.executor().submit(lambda: 2 + 2).result(timeout=5) == 4
    finally:
        lanes.stop()


def test_a_stopped_process_refuses_work_rather_than_losing_it() -> None:
    lanes = LintThreads(1)
    executor = lanes.executor()
    lanes.stop()
    with pytest.raises(RuntimeError):
        executor.submit(lambda: None)
