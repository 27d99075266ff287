"""The folder where a server's worker processes keep their metrics, and the clean-up of the
ones a killed server left behind (issue 23, part 4).

Each run of ``addin-server serve`` makes a fresh folder in the system's temporary directory
(counts of an earlier run would otherwise be summed in) and removes it at exit. A server
killed with SIGKILL cannot: its folder stays. So at start the server removes the folders left
by servers that are gone. A folder's name carries the pid of the process that made it
(``penwise-metrics-<pid>-<random>``); one whose process still runs, or that belongs to
another user, is left alone. A folder named before the pid was part of the name is gone
if none of the workers that wrote its files (``counter_<pid>.db``) runs and it was last
touched over a minute ago.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

log = logging.getLogger(__name__)
PREFIX = "penwise-metrics-"
_OWNED = re.compile(rf"{PREFIX}(\d+)-")
_WRITER = re.compile(r"_(\d+)\.db$")
QUIET_SECONDS = 60.0  # an old-style folder untouched this long, with no writer alive, is stale


@contextlib.contextmanager
def metrics_folder() -> Iterator[str]:
    """A fresh ``PROMETHEUS_MULTIPROC_DIR`` for this run's workers (set in the environment),
    removed at exit; the stale folders of earlier runs are removed first."""
    from addin_server.observability.metrics import MULTIPROC_ENV

    remove_stale_folders(Path(tempfile.gettempdir()))
    directory = tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-")
    os.environ[MULTIPROC_ENV] = directory
    try:
        yield directory
    finally:
        os.environ.pop(MULTIPROC_ENV, None)
        shutil.rmtree(directory, ignore_errors=True)


def remove_stale_folders(parent: Path) -> list[Path]:
    """Remove the metrics folders in ``parent`` whose server is gone; return them."""
    removed = []
    for folder in parent.glob(f"{PREFIX}*"):
        try:
            if folder.is_dir() and folder.stat().st_uid == os.getuid() and _stale(folder):
                shutil.rmtree(folder)
                removed.append(folder)
        except OSError:  # removed meanwhile, or not ours to remove
            continue
    if removed:
        log.info("removed %d metrics folder(s) left by a server that is gone", len(removed))
    return removed


def _stale(folder: Path) -> bool:
    owner = _OWNED.match(folder.name)
    if owner:
        return not _alive(int(owner.group(1)))
    writers = [int(m.group(1)) for f in folder.iterdir() if (m := _WRITER.search(f.name))]
    quiet = time.time() - folder.stat().st_mtime > QUIET_SECONDS
    return quiet and not any(_alive(pid) for pid in writers)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
