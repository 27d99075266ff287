"""The ``state`` section: where the processes and instances keep what they share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import setting


@dataclass(frozen=True)
class StateSettings:
    """Where what the worker processes share is kept (rate-limit windows, budgets, the
    model's circuit, feedback counts, the paragraph cache): on this machine, or in Redis
    for every instance on every machine."""

    TITLE: ClassVar[str] = "Shared state"

    redis_url: str = setting(
        "",
        values.redis_url,
        "Redis URL (`redis://host:port/db`) shared by all instances on all machines: rate "
        "limits, token budgets, the model's circuit state, feedback. Empty: the worker "
        "processes of one server share them on this machine (see `ADDIN_STATE_DIR`). The "
        "paragraph cache stays on each machine either way.",
    )
    state_dir: str = setting(
        "",
        values.existing_folder,
        "Folder in which each server makes a private folder (`penwise-state-<port>-…`) for "
        "what its worker processes share on this machine: SQLite files of the rate-limit "
        "windows, budgets, feedback counts, the model's circuit and the paragraph cache. "
        "Removed when the server stops; one a killed server left is removed at the next "
        "start. Empty: `$XDG_RUNTIME_DIR`, else the system's temporary folder.",
    )
