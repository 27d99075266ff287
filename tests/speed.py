"""Which tests are ``slow``, left out of ``make test-fast`` (``pytest -m "not slow"``): the
edit-test loop runs the unit tests only. ``make test`` runs every test.

A test is slow when any of these holds (tests/conftest.py applies the marker at collection):

- it is marked ``@pytest.mark.slow``: do so where a test takes more than a few seconds on a
  quiet machine (a whole corpus scored, a property run over the whole API); ``make test-fast``
  lists its slowest tests, so the next one is seen;
- it lives under a path of SLOW_PATHS: the browser tests, the benchmarks' test, the real model;
- it uses, directly or through another fixture, a fixture of SLOW_FIXTURES: one that starts a
  server process, a browser, Redis or the guides' sandbox.

And so that a new slow test cannot creep into the loop unseen: in a run that leaves the slow
tests out, a test that starts a process anyway (the CLI, a server of its own, node) is skipped
at that moment, and the summary counts those under one line that says to mark them.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

SLOW_PATHS = (
    "pane/browser/",
    "real_model/",
    "test_bench.py",
    # Files whose every test runs `addin-server` (or gunicorn, or the CLI) in a process.
    "test_cli.py",
    "test_drain.py",
    "test_llm_live.py",
    "test_load.py",
    "test_one_server.py",
    "test_refused_requests.py",
    "test_serving.py",
    "test_trickling_model.py",
    "test_workers.py",
    "install/test_commands.py",
    "install/test_https_everywhere.py",
    "install/test_wheel.py",
    "observability/test_multiprocess.py",
)
SLOW_FIXTURES = frozenset(
    {
        "live_server",  # addin-server serve, for the session
        "organisation_server",
        "chromium_path",  # every browser test
        "redis_server",
        "redis_url",
        "cluster",  # Redis, two servers and nginx
        "quick_sandbox",  # the guides' commands, in namespaces of their own
        "sandbox",
        "refused_start",  # addin-server serve with a bad setting
    }
)
SLOW = pytest.mark.slow
TESTS = Path(__file__).resolve().parent


class StartsAProcess(pytest.skip.Exception):  # type: ignore[name-defined]
    """A skip of a test not marked slow that starts a process in a run without slow tests."""


REASON = "starts a process, so it belongs to `make test`: mark it @pytest.mark.slow"
# What may run all the same: the standard library asks `uname -p` once per process
# (platform.processor(), for the OpenAI client's headers).
ALLOWED = frozenset({"uname"})


def is_slow(item: pytest.Item) -> bool:
    """Whether ``item`` is a slow test by the rules above."""
    if item.get_closest_marker("slow"):
        return True
    where = item.path.resolve().relative_to(TESTS).as_posix()
    if where.startswith(SLOW_PATHS):
        return True
    return bool(SLOW_FIXTURES.intersection(getattr(item, "fixturenames", ())))


def mark_slow(items: list[pytest.Item]) -> None:
    """Mark the slow tests of ``items``, so that ``-m "not slow"`` leaves them out."""
    for item in items:
        if is_slow(item):
            item.add_marker(SLOW)


def leaves_slow_out(config: pytest.Config) -> bool:
    """Whether this run's ``-m`` leaves the slow tests out (``make test-fast``)."""
    return "not slow" in (config.option.markexpr or "")


@contextmanager
def no_processes() -> Iterator[None]:
    """Skip the running test where it starts a process."""
    original = subprocess.Popen._execute_child  # type: ignore[attr-defined]

    def refuse(self: subprocess.Popen[Any], args: Any, *rest: Any, **named: Any) -> None:
        program = Path(str(args[0] if isinstance(args, list | tuple) else args).split()[0]).name
        if program in ALLOWED:
            return original(self, args, *rest, **named)
        raise StartsAProcess(f"{REASON} ({program})")

    subprocess.Popen._execute_child = refuse  # type: ignore[attr-defined]
    try:
        yield
    finally:
        subprocess.Popen._execute_child = original  # type: ignore[attr-defined]
