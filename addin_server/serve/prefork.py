"""Waitress in ``ADDIN_WORKERS`` processes on Linux and macOS: one socket, forked workers.

The local engine is CPU-bound: one process uses little more than one core. The parent builds
the app and warms its engines, binds and listens once, then forks the workers; each serves the
shared listening socket with its own waitress (its event loop, ``ADDIN_THREADS`` threads) and
the kernel hands each new connection to one of them.

What the engines build before the fork (spaCy's weights, the word tables, Harper's dictionary)
stays shared copy-on-write, and ``gc.freeze()`` keeps each worker's collector from writing to
the pages of those objects. A fork copies only the thread that forks, so an engine that keeps
a part per thread builds it on that thread while the app builds on another, and a worker's
main thread, a copy of the warm one, may do the engine's work while waitress's event loop
runs on a thread of its own. Serving knows none of this: it calls the engines' hooks at each
step (:class:`addin_server.engines.base.ForkHooks`: warm up before listening, before the fork,
after it; :func:`addin_server.engines.warm_forking_thread`). A worker is ready within a
fraction of a second of the fork. malloc is limited to 2 arenas (:func:`_limit_malloc_arenas`)
so that threads do not each keep memory of their own. Measured in bench/bench_workers.py
(BENCHMARKS.md, "Worker processes"). Each worker tells the parent through a pipe when it is
warm, and the parent logs one "ready" line.

Forking after the build is safe because nothing is running then: no thread of ours is left
(the build's has ended; :func:`_warn_of_threads` says so if one is, and the engines' threads
are stopped first by their ``before_fork`` hook), no lock is held and no connection is open.
The model engine's warm-up, which probes the endpoint, runs in each worker.

The parent then only supervises: it restarts a worker that dies (at once after a long life,
with a growing back-off when workers keep dying young), passes SIGTERM and SIGINT on and waits
for the workers' graceful shutdown, and tells prometheus_client which workers are gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import select
import signal
import socket
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from addin_server.config import Settings
from addin_server.serve.balance import WorkerTable
from addin_server.serve.metrics_folder import metrics_folder
from addin_server.serve.shutdown import GRACE_SECONDS, RequestTracker
from addin_server.serve.waitress_server import (
    addresses,
    build_app,
    finish_warm_up,
    listening_sockets,
    serve,
    services_of,
)

log = logging.getLogger(__name__)
LOOP_SECONDS = 0.2  # how often the parent looks for dead workers and the stop flag
# A worker that dies younger than this is restarted after a back-off that doubles each time.
YOUNG_SECONDS = 30.0
MAX_BACKOFF_SECONDS = 30.0
# The workers' own grace, plus time to log and exit, before the parent kills them.
STOP_SECONDS = GRACE_SECONDS + 5.0
WARM = b"."  # what a worker writes to say it is warm (a signal writes its number)


def run_workers(settings: Settings, started: float) -> int:
    """Bind, build, fork ``ADDIN_WORKERS`` workers and supervise them; return 0."""
    stopping: list[str] = []

    def stop(signum: int, _frame: Any) -> None:
        stopping.append(signal.Signals(signum).name)

    for name in ("SIGTERM", "SIGINT"):
        signal.signal(getattr(signal, name), stop)
    _limit_malloc_arenas()
    with metrics_folder():  # before anything imports prometheus_client
        tracker = _build_beside_forking_thread(settings)
        services_of(tracker.app).before_fork()
        _warn_of_threads()
        gc.collect()
        gc.freeze()  # the collector of each worker leaves the shared objects' pages alone
        # Bound once the app is built, as gunicorn does with a preloaded app: a client that
        # comes during the build is refused at once (and retries) rather than left waiting.
        socks = listening_sockets(settings.serve.host, settings.serve.port)
        try:
            return _Supervisor(settings, socks, tracker, stopping).run(started)
        finally:
            for sock in socks:
                sock.close()


def _build_beside_forking_thread(settings: Settings) -> RequestTracker:
    """Build the app on a thread while this one, which will fork the workers, builds what the
    engines keep per thread (without the GIL): each worker works on its copy of this thread,
    warm at once."""
    from addin_server.engines import warm_forking_thread

    with ThreadPoolExecutor(1, thread_name_prefix="build") as pool:
        built = pool.submit(build_app, settings, will_fork=True)
        warm_forking_thread()
        return built.result()


# glibc's mallopt() parameter for the number of malloc arenas (malloc.h).
M_ARENA_MAX = -8
MALLOC_ARENAS = 2


def _limit_malloc_arenas() -> None:
    """Have glibc's malloc share 2 arenas among all threads, as ``MALLOC_ARENA_MAX=2`` would.

    By default each thread that allocates gets an arena of its own (up to 8 per core), and
    freed memory stays in it: a worker grew by about 70 MB for every thread that had run
    checks. Set here, before any thread starts, it holds for the workers forked later.
    Measured in bench/bench_workers.py. A ``MALLOC_ARENA_MAX`` in the environment wins;
    elsewhere than glibc this does nothing.
    """
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS)
    except (OSError, AttributeError):  # a libc without mallopt (musl)
        log.debug("mallopt is not available; malloc arenas are not limited")


def _warn_of_threads() -> None:
    """Log the threads running at the fork: a worker gets their memory, not the threads."""
    others = [
        thread.name for thread in threading.enumerate() if thread is not threading.main_thread()
    ]
    if others:
        log.warning(
            "threads running before the fork (their locks may never be released in a worker): %s",
            ", ".join(others),
        )


@dataclass
class _Slot:
    """One worker's place: its process, and when to start the next one after a death."""

    number: int
    pid: int = 0
    started: float = 0.0
    young_deaths: int = 0
    due: float = 0.0


class _Supervisor:
    """Fork the workers, replace those that die, and stop them all on a signal."""

    def __init__(
        self,
        settings: Settings,
        socks: list[socket.socket],
        tracker: RequestTracker,
        stopping: list[str],
    ) -> None:
        self.settings = settings
        self.socks = socks
        self.tracker = tracker
        self.stopping = stopping
        self.slots = [_Slot(number) for number in range(1, settings.serve.workers + 1)]
        # Each worker's connections, so that they share them (addin_server.serve.balance).
        self.table = WorkerTable(len(self.slots)) if len(self.slots) > 1 else None
        # Each worker writes a byte here once its engines are warm (it answers checks then);
        # a signal's number is written here too, so that the parent's wait ends at once.
        self.warm_read, self.warm_write = os.pipe()
        os.set_blocking(self.warm_read, False)
        os.set_blocking(self.warm_write, False)

    def run(self, started: float) -> int:
        signal.set_wakeup_fd(self.warm_write, warn_on_full_buffer=False)
        for slot in self.slots:
            if not self.stopping:  # a signal during the build
                self._start(slot)
        settings = self.settings
        log.info(
            "built in %.1f s; %d worker process%s x %d threads on %s",
            time.monotonic() - started,
            len(self.slots),
            "" if len(self.slots) == 1 else "es",
            settings.serve.threads,
            addresses(self.socks, tls=bool(settings.tls.tls_cert)),
        )
        ready = False
        while not self.stopping:
            self._reap()
            now = time.monotonic()
            for slot in self.slots:
                if not slot.pid and slot.due <= now and not self.stopping:
                    self._start(slot)
            if self._worker_warmed(LOOP_SECONDS) and not ready:
                ready = True
                log.info("ready in %.1f s: a worker answers", time.monotonic() - started)
        try:
            return self._stop()
        finally:
            signal.set_wakeup_fd(-1)
            os.close(self.warm_read)
            os.close(self.warm_write)

    def _tell_warm(self) -> None:
        """In a worker: tell the parent this worker is warm (it may be stopping already)."""
        with contextlib.suppress(OSError):
            os.write(self.warm_write, WARM)

    def _worker_warmed(self, timeout: float) -> bool:
        """Wait up to ``timeout`` for word that a worker is warm (a signal ends it early)."""
        try:
            readable, _, _ = select.select([self.warm_read], [], [], timeout)
            return bool(readable) and WARM in os.read(self.warm_read, 64)
        except (InterruptedError, BlockingIOError):
            return False

    def _start(self, slot: _Slot) -> None:
        parent = os.getpid()
        pid = os.fork()
        if pid == 0:  # the worker: it never returns into the parent's code
            code = 1
            try:
                for name in ("SIGTERM", "SIGINT"):  # until serve() installs its own
                    signal.signal(getattr(signal, name), signal.SIG_DFL)
                os.close(self.warm_read)
                main_thread = services_of(self.tracker.app).after_fork()
                finish_warm_up(self.tracker, then=self._tell_warm)
                code = serve(
                    self.tracker,
                    self.socks,
                    self.settings,
                    name=f"worker {slot.number} (pid {os.getpid()})",
                    parent=parent,
                    main_thread=main_thread,
                    share=self.table.share(slot.number - 1) if self.table else None,
                )
            except BaseException:
                log.exception("worker %d failed", slot.number)
            finally:
                for handler in logging.getLogger("addin_server").handlers:
                    handler.flush()
                os._exit(code)
        slot.pid, slot.started = pid, time.monotonic()

    def _reap(self) -> None:
        """Collect dead workers; schedule a replacement for each unless stopping."""
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            _mark_dead(pid)
            slot = next((slot for slot in self.slots if slot.pid == pid), None)
            if slot is None:
                continue
            slot.pid = 0
            if self.table is not None:
                self.table.clear(slot.number - 1)
            if self.stopping:
                continue
            lived = time.monotonic() - slot.started
            slot.young_deaths = slot.young_deaths + 1 if lived < YOUNG_SECONDS else 0
            delay = (
                min(2.0 ** (slot.young_deaths - 1), MAX_BACKOFF_SECONDS)
                if slot.young_deaths
                else 0.0
            )
            slot.due = time.monotonic() + delay
            log.warning(
                "worker %d (pid %d) %s after %.0f s; a new one starts in %.0f s",
                slot.number,
                pid,
                _how_it_ended(status),
                lived,
                delay,
            )

    def _stop(self) -> int:
        """Stop accepting, pass the signal on, wait for the workers' grace; kill the rest."""
        running = [slot for slot in self.slots if slot.pid]
        log.info(
            "%s: stopping %d worker(s); each finishes its requests (up to %.0f s)",
            self.stopping[0],
            len(running),
            GRACE_SECONDS,
        )
        for sock in self.socks:
            sock.close()  # the workers close their copies as they stop
        for slot in running:
            _signal(slot.pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        while any(slot.pid for slot in self.slots) and time.monotonic() < deadline:
            self._reap()
            time.sleep(0.05)
        for slot in self.slots:
            if slot.pid:
                log.warning(
                    "worker %d (pid %d) did not stop in time; killed", slot.number, slot.pid
                )
                _signal(slot.pid, signal.SIGKILL)
                os.waitpid(slot.pid, 0)
                _mark_dead(slot.pid)
                slot.pid = 0
        return 0


def _signal(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it died on its own
        os.kill(pid, signum)


def _mark_dead(pid: int) -> None:
    from addin_server.observability.metrics import mark_worker_dead

    mark_worker_dead(pid)


def _how_it_ended(status: int) -> str:
    code = os.waitstatus_to_exitcode(status)
    if code < 0:
        return f"was killed by {signal.Signals(-code).name}"
    return f"exited with code {code}"
