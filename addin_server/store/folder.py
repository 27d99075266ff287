"""The folder where one server keeps what its processes share on this machine.

Every server (every ``create_app``, so every run of ``addin-server serve``) makes a folder of
its own, private to its user, under ``ADDIN_STATE_DIR`` (by default ``$XDG_RUNTIME_DIR``,
else the system's temporary folder): two servers on one machine never share or corrupt each
other's state, whatever their ports. The server holds a lock on the folder's ``lock`` file
while any of its processes lives (forked workers inherit it), and removes the folder when it
stops. A folder whose lock is free was left by a server that is gone (killed, crashed): the
next server to start removes it, so nothing needs cleaning up by hand.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
import tempfile
import time
import weakref
from pathlib import Path

from addin_server.store.database import close_databases

log = logging.getLogger(__name__)
PREFIX = "penwise-state-"
LOCK_NAME = "lock"
# Where create_app keeps the StateFolder it made (``app.extensions[STATE_FOLDER_KEY]``).
STATE_FOLDER_KEY = "penwise.state_folder"
# A folder younger than this may be one a server is making (its lock not yet taken).
YOUNG_SECONDS = 10.0


def default_base() -> Path:
    """``$XDG_RUNTIME_DIR`` (memory, private to the user) when set, else the temp folder."""
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if runtime and os.path.isdir(runtime) and os.access(runtime, os.W_OK):
        return Path(runtime)
    return Path(tempfile.gettempdir())


class StateFolder:
    """A new private folder for one server's state, locked while the server lives."""

    def __init__(self, base: str | Path = "", label: object = "") -> None:
        base_path = Path(base) if base else default_base()
        remove_stale(base_path)
        prefix = f"{PREFIX}{label}-" if label else PREFIX
        self.path = Path(tempfile.mkdtemp(prefix=prefix, dir=base_path))
        self._owner = os.getpid()
        self._lock_fd = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o600)
        if not _try_lock(self._lock_fd):  # pragma: no cover - a folder mkdtemp just made
            raise RuntimeError(f"could not lock {self.path}")
        self._finalizer = weakref.finalize(self, _remove, self.path, self._lock_fd, self._owner)

    def close(self) -> None:
        """Unlock and remove the folder (only in the process that made it: a worker that
        ends leaves it to the server)."""
        self._finalizer()


def _remove(path: Path, lock_fd: int, owner: int) -> None:
    if os.getpid() != owner:
        return
    close_databases(path)
    with contextlib.suppress(OSError):
        os.close(lock_fd)
    shutil.rmtree(path, ignore_errors=True)


def remove_stale(base: Path) -> None:
    """Remove the state folders under ``base`` that no running server holds."""
    try:
        candidates = [entry for entry in base.iterdir() if entry.name.startswith(PREFIX)]
    except OSError:
        return
    for folder in candidates:
        try:
            if time.time() - folder.stat().st_mtime < YOUNG_SECONDS:
                continue
            fd = os.open(folder / LOCK_NAME, os.O_RDWR)
        except OSError:  # gone meanwhile, or not a folder of ours
            continue
        try:
            if not _try_lock(fd):
                continue  # a running server holds it
        finally:
            os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)
        log.info("removed the state folder %s of a server that is gone", folder.name)


def _try_lock(fd: int) -> bool:
    """Take the lock of ``fd`` without waiting; ``False`` when another process holds it."""
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True
