"""The threads every Harper lint of a process runs on, made once and kept warm.

Harper builds its dictionary once per process (see :func:`.harper.load_in_background`), but
what it builds to suggest words for a long unknown word ("Zorblaxicon", "PureWindowsPath") it
keeps per thread: measured, such a lint takes 1.5 s on a thread new to it and 3 ms on one
that has done it, and each thread keeps its own copy (about 60 MB). Lints made on whichever
request thread serves (waitress has ``ADDIN_THREADS`` of them) or on a pool made per request
pay that again and again, and the memory grows with every thread that has linted. So every
lint runs on one of ``ADDIN_LOCAL_CHUNK_THREADS`` long-lived lanes.

A fork copies no thread but the one that forks, with what Harper keeps for it. A worker of
``addin-server serve`` (serve/prefork.py) therefore lints on its main thread too
(:meth:`LintThreads.work_here`), which the parent warmed before forking
(:func:`warm_this_thread`): the worker is ready at once and shares that thread's part of
Harper with the parent, copy on write. Its other lanes warm in the background.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

import harper

_Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...], dict[str, Any]]


# The dialects each thread has warmed Harper for (a thread, once warm, stays warm).
_WARMED = threading.local()


def warm_this_thread(text: str, dialect: harper.Dialect = harper.Dialect.AMERICAN) -> None:
    """Build the calling thread's part of Harper (and, first, the process's) by linting
    ``text``, which should hold a long unknown word. Harper does it without the GIL."""
    warmed: set[harper.Dialect] = _WARMED.__dict__.setdefault("dialects", set())
    if dialect not in warmed:
        harper.Linter(dialect).organized_lints(text)
        warmed.add(dialect)


class _Lanes(Executor):
    """Threads that take jobs from one shared queue, each also from a queue of its own (so
    that every lane can be given its warm-up). Lane 0 may be a thread that calls
    :meth:`work_here` rather than one started here."""

    def __init__(self, size: int, here: bool, name: str) -> None:
        self._ready = threading.Condition()
        self._shared: deque[_Job] = deque()
        self._own: list[deque[_Job]] = [deque() for _ in range(size)]
        self._stopping = False
        first = 1 if here else 0
        self._threads = [
            threading.Thread(target=self._work, args=(lane,), name=f"{name}_{lane}", daemon=True)
            for lane in range(first, size)
        ]
        for thread in self._threads:
            thread.start()

    @property
    def size(self) -> int:
        return len(self._own)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        return self.submit_to(None, fn, *args, **kwargs)

    def submit_to(
        self, lane: int | None, fn: Callable[..., Any], /, *args: Any, **kwargs: Any
    ) -> Future[Any]:
        """Run ``fn`` on the given lane, or on the first free one (``None``)."""
        future: Future[Any] = Future()
        with self._ready:
            if self._stopping:
                raise RuntimeError("the lint threads are stopped")
            (self._shared if lane is None else self._own[lane]).append((future, fn, args, kwargs))
            self._ready.notify_all()
        return future

    def work_here(self) -> None:
        """Work as lane 0 on the calling thread until :meth:`shutdown`."""
        self._work(0)

    def _work(self, lane: int) -> None:
        own = self._own[lane]
        while True:
            with self._ready:
                while not (own or self._shared or self._stopping):
                    self._ready.wait()
                if own or self._shared:
                    future, fn, args, kwargs = (own or self._shared).popleft()
                else:
                    return
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as error:  # the caller gets it (a Harper panic too)
                future.set_exception(error)

    @property
    def stopped(self) -> bool:
        return self._stopping

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Let every lane finish the jobs it has, then end (lane 0's :meth:`work_here`
        returns)."""
        with self._ready:
            self._stopping = True
            self._ready.notify_all()
        if wait:
            for thread in self._threads:
                if thread is not threading.current_thread():
                    thread.join()


class LintThreads:
    """This process's lint lanes, started on first use (and anew after a fork).

    Lanes belong to the process, not to an engine: every engine of ``size`` lanes in a
    process (a test builds many) lints on the same warm threads, so none pays Harper's
    per-thread build again. A worker whose main thread is lane 0 (:meth:`claim_a_lane`) has
    lanes of its own.
    """

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._lanes: _Lanes | None = None  # a worker's own lanes (claim_a_lane)
        self._pid = 0
        self._here_pid = 0  # the process whose calling thread is lane 0 (work_here)
        self._lock = threading.Lock()

    def executor(self) -> _Lanes:
        """This process's lanes."""
        with self._lock:
            if self._here_pid != os.getpid():
                return _process_lanes(self.size)
            if self._lanes is None or self._pid != os.getpid():
                self._lanes = _Lanes(self.size, True, name="harper")
                self._pid = os.getpid()
            return self._lanes

    def claim_a_lane(self) -> None:
        """In this process, lane 0 is a thread that will call :meth:`work_here` (a worker's
        main thread, warmed before the fork by :func:`warm_this_thread`); call before any
        lint."""
        with self._lock:
            self._here_pid = os.getpid()
            self._lanes = None

    def work_here(self) -> None:
        """Lint on the calling thread, as lane 0, until :meth:`stop`."""
        self.executor().work_here()

    def warm(self, work: Callable[[], object]) -> None:
        """Run ``work`` once on every lane, so that none builds its part of Harper during a
        request, one lane after the other (on a busy machine one build at a time ends sooner
        than all at once).

        In a worker whose main thread is lane 0 (:meth:`claim_a_lane`, warm from the parent),
        return once lane 0 has run it and let the others warm behind: the worker answers
        1.5 s sooner, and a lane still warming holds no request (the other lanes take them).
        Their warming counts as progress for the in-flight cap (limits.in_flight), so in that
        second and a half a request finding every place taken waits rather than getting a
        503 at once. Elsewhere (one process, tests), return once every lane is warm.
        """
        lanes = self.executor()
        previous: Future[Any] | None = None
        futures = []
        for lane in range(lanes.size):
            after = previous
            previous = lanes.submit_to(lane, _after, after, work)
            futures.append(previous)
        claimed = self._here_pid == os.getpid()
        for future in futures[:1] if claimed else futures:
            future.result()

    def stop(self) -> None:
        """End the lanes (before a fork: the new process would wait on them forever)."""
        with self._lock:
            if self._here_pid == os.getpid():
                if self._lanes is not None:
                    self._lanes.shutdown()
                    self._lanes = None
                return
        _stop_process_lanes(self.size)


# The lanes of this process shared by its engines, by size (see LintThreads).
_SHARED: dict[int, _Lanes] = {}
_SHARED_PID = [0]
_SHARED_LOCK = threading.Lock()


def _process_lanes(size: int) -> _Lanes:
    with _SHARED_LOCK:
        if _SHARED_PID[0] != os.getpid():  # a fork copied the dict, not the threads
            _SHARED.clear()
            _SHARED_PID[0] = os.getpid()
        lanes = _SHARED.get(size)
        if lanes is None or lanes.stopped:
            lanes = _SHARED[size] = _Lanes(size, False, name="harper")
        return lanes


def _stop_process_lanes(size: int) -> None:
    with _SHARED_LOCK:
        lanes = _SHARED.pop(size, None) if _SHARED_PID[0] == os.getpid() else None
    if lanes is not None:
        lanes.shutdown()


def _after(previous: Future[Any] | None, work: Callable[[], object]) -> object:
    if previous is not None:
        previous.exception()  # waits; a lane that failed to warm does not stop the next
    return work()
