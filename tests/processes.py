"""What /proc says of a server's processes: its workers, and which holds each connection
(Linux). Shared by tests/test_workers.py and bench/bench_workers.py."""

from __future__ import annotations

import os
from pathlib import Path


def workers_of(parent: int) -> list[int]:
    """The pids of ``parent``'s child processes."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            if int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(proc.name))
        except OSError:  # a process that ended
            continue
    return sorted(found)


def connection_owners(port: int, pids: list[int]) -> dict[int, int]:
    """Which of ``pids`` holds each established connection to ``port`` (IPv4), by the
    client's port."""
    client_port: dict[str, int] = {}
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, remote, state, inode = fields[1], fields[2], fields[3], fields[9]
        if state == "01" and int(local.split(":")[1], 16) == port:  # 01: ESTABLISHED
            client_port[f"socket:[{inode}]"] = int(remote.split(":")[1], 16)
    owners = {}
    for pid in pids:
        try:
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                target = os.readlink(fd)
                if target in client_port:
                    owners[client_port[target]] = pid
        except OSError:  # a process that ended meanwhile
            continue
    return owners
