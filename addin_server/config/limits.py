"""The ``limits`` section: what each client and each process may have."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import setting


@dataclass(frozen=True)
class LimitSettings:
    """Limits that protect the server and the model budget: requests per API key, model
    tokens per key and day, requests in flight per process. A limit stated is the limit
    enforced, whatever `ADDIN_WORKERS` is, and with `ADDIN_REDIS_URL` for every instance
    together."""

    TITLE: ClassVar[str] = "Limits"

    rate_limit: str = setting(
        "",
        values.rate_limit,
        "Requests per API key (per client address without keys) to `/v1` and `/v2`, such as "
        "`120/minute` or `10/second;1000/hour`; above it a 429 with `Retry-After` and the "
        "`RateLimit` fields. Empty: no limit. Health checks, the task pane, the manifest and "
        "metrics are never limited.",
    )
    llm_daily_tokens: int = setting(
        0,
        values.whole_or_zero,
        "Model tokens (prompt and answer, as the endpoint reports them, else counted with "
        "tiktoken) each API key (or client address) may spend per UTC day; then the local "
        "engine answers with `degraded: true` and a `llm-budget-spent` warning. `0`: "
        "unlimited.",
    )
    max_in_flight: int | str = setting(
        "auto",
        values.in_flight,
        "Requests to `/v1` and `/v2` one worker process serves at once. One more waits for a "
        "place while the work holding them makes progress (up to 10 s); after 1 s without "
        "progress (they wait on a model) it gets a 503 with `Retry-After: 1` (at once while "
        "the process stays full). `auto`: `ADDIN_THREADS` − 1 under `addin-server serve`, so "
        "a thread stays free for health checks (no cap under other WSGI servers). `0`: no "
        "cap.",
    )
