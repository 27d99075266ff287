"""Make this Python look like Windows to the code it runs (issue 30): put this folder first on
PYTHONPATH and Python imports it at start.

What Windows lacks is taken away: the POSIX-only modules cannot be imported (``fcntl``,
``pwd``, ``resource`` ...: gunicorn, for one, imports ``fcntl``), and ``os.fork``,
``select.poll``, the POSIX signals and their kin are gone. What Windows has instead is put
in: ``msvcrt.locking``, done here with the real ``fcntl``. ``sys.platform``, ``os.name`` and
``socket.AF_UNIX`` stay as they are (the standard library picks its own code by them:
Windows' ``socket.socketpair`` is another function), so code that asks them rather than
testing for what it needs is not exercised here.
"""

from __future__ import annotations

import fcntl as _fcntl
import getpass  # noqa: F401 - these two ask `import msvcrt` whether they run on Windows:
import importlib.abc
import os
import select
import signal
import subprocess  # noqa: F401 - imported before the stand-in, they stay POSIX's own
import sys
import time
import types

POSIX_ONLY = frozenset(
    {
        "fcntl",
        "pwd",
        "grp",
        "termios",
        "tty",
        "pty",
        "resource",
        "syslog",
        "crypt",
        "spwd",
        "nis",
        "posix_ipc",
        "_posixshmem",
        "curses",
        "_curses",
        "readline",
    }
)
OS_ONLY = (
    "fork",
    "forkpty",
    "register_at_fork",
    "getuid",
    "geteuid",
    "getgid",
    "getegid",
    "getpgid",
    "getpgrp",
    "killpg",
    "setsid",
    "setpgid",
    "sysconf",
    "getloadavg",
    "WNOHANG",
    "wait",
    "wait3",
    "wait4",
    "sched_getaffinity",
    "nice",
    "chown",
    "fchown",
    "lchown",
    "mkfifo",
    "pathconf",
    "statvfs",
)
SELECT_ONLY = ("poll", "epoll", "devpoll", "kqueue", "POLLIN", "POLLOUT", "EPOLLIN")
WINDOWS_SIGNALS = {"SIGABRT", "SIGFPE", "SIGILL", "SIGINT", "SIGSEGV", "SIGTERM"}
SIGNAL_ONLY = (
    "alarm",
    "setitimer",
    "getitimer",
    "pthread_sigmask",
    "pthread_kill",
    "siginterrupt",
    "sigwait",
    "sigpending",
    "sigtimedwait",
    "sigwaitinfo",
    "pause",
)


class _Absent(importlib.abc.MetaPathFinder):
    """Refuse to import what Windows does not have."""

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name.split(".")[0] in POSIX_ONLY:
            raise ModuleNotFoundError(f"No module named {name!r} (simulated Windows)", name=name)


def _msvcrt() -> types.ModuleType:
    module = types.ModuleType("msvcrt", "Windows' msvcrt, as much of it as Penwise uses.")
    module.LK_UNLCK, module.LK_LOCK, module.LK_NBLCK = 0, 1, 2  # type: ignore[attr-defined]

    def locking(fd: int, mode: int, nbytes: int) -> None:
        flags = {0: _fcntl.LOCK_UN, 1: _fcntl.LOCK_EX, 2: _fcntl.LOCK_EX | _fcntl.LOCK_NB}
        _fcntl.flock(fd, flags[mode])

    module.locking = locking  # type: ignore[attr-defined]
    return module


for _name in POSIX_ONLY:
    sys.modules.pop(_name, None)
sys.meta_path.insert(0, _Absent())
sys.modules["msvcrt"] = _msvcrt()
for _module, _names in ((os, OS_ONLY), (select, SELECT_ONLY), (signal, SIGNAL_ONLY)):
    for _attr in _names:
        if hasattr(_module, _attr):
            delattr(_module, _attr)
for _attr in [a for a in dir(signal) if a.startswith("SIG") and not a.startswith("SIG_")]:
    if _attr not in WINDOWS_SIGNALS and isinstance(getattr(signal, _attr), int):
        delattr(signal, _attr)
if hasattr(time, "tzset"):
    del time.tzset
