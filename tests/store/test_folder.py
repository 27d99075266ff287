"""Each server's state folder is its own, goes with the server, and one a killed server left
behind is removed by the next server to start: nothing to clean up by hand."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from addin_server.store.folder import StateFolder

MAKE_AND_WAIT = (
    "import sys, time; from addin_server.store.folder import StateFolder; "
    "folder = StateFolder(sys.argv[1], 9999); print(folder.path, flush=True); time.sleep(60)"
)


def test_two_servers_never_share_a_folder(tmp_path: Path) -> None:
    first, second = StateFolder(tmp_path, 8765), StateFolder(tmp_path, 8765)
    assert first.path != second.path and first.path.parent == second.path.parent == tmp_path
    assert first.path.name.startswith("penwise-state-8765-")
    assert (first.path.stat().st_mode & 0o777) == 0o700  # private to the server's user
    first.close()
    assert not first.path.exists() and second.path.exists()


@pytest.mark.slow
def test_a_killed_servers_folder_is_removed_at_the_next_start(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", MAKE_AND_WAIT, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    left = Path(process.stdout.readline().strip())
    running = StateFolder(tmp_path)
    for folder in (left, running.path):  # as old as a folder left by a crash
        os.utime(folder, (time.time() - 3600, time.time() - 3600))
    StateFolder(tmp_path)
    assert left.exists()  # its server still runs
    process.send_signal(signal.SIGKILL)
    process.wait(10)
    StateFolder(tmp_path)
    assert not left.exists()  # gone with its server, removed by the next
    assert running.path.exists()  # this process's own is still held


def test_a_worker_that_ends_leaves_the_folder_to_its_server(tmp_path: Path) -> None:
    folder = StateFolder(tmp_path)
    pid = os.fork()
    if pid == 0:  # a worker: its end (even a clean one) must not remove the server's folder
        folder.close()
        os._exit(0)
    os.waitpid(pid, 0)
    assert folder.path.exists()
    folder.close()
    assert not folder.path.exists()
