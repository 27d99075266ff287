"""Prometheus metrics: counts and timings, never the writer's text.

Labels only take values the server chose (Flask rules, engine names, warning codes, fixed
words): a label made from the request would let clients grow the metrics without bound,
and could carry text. Nothing here knows Flask, so engines can report through it.

Under gunicorn, ``addin-server serve`` sets ``PROMETHEUS_MULTIPROC_DIR`` before it forks
and each worker writes its samples there; prometheus_client picks its storage when it is
first imported, so it is imported here lazily, in the worker, never at module import.
"""

from __future__ import annotations

import os
import threading
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Request latencies run from a cached check (milliseconds) to a long model rewrite (minutes).
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300)
CHUNK_BUCKETS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)

# Chunks processed for the request this thread serves; None outside a request.
_chunks: ContextVar[list[int] | None] = ContextVar("penwise_chunks", default=None)


@dataclass(frozen=True)
class _Metrics:
    requests: Any
    latency: Any
    answers: Any
    degraded: Any
    model_tokens: Any
    chunks: Any
    auth_rejected: Any
    rate_limited: Any
    cache: Any
    feedback: Any


_BUILD_ONCE = threading.Lock()
_BUILT: list[_Metrics] = []


def _metrics() -> _Metrics:
    """The metrics, built on first use by exactly one thread (the registry refuses a second
    set under the same names, and the first requests of a process arrive together)."""
    if not _BUILT:
        with _BUILD_ONCE:
            if not _BUILT:
                _BUILT.append(_build_metrics())
    return _BUILT[0]


def _build_metrics() -> _Metrics:
    from prometheus_client import Counter, Histogram, disable_created_metrics

    disable_created_metrics()  # a `_created` series per label set doubles the output for nothing
    return _Metrics(
        requests=Counter(
            "penwise_http_requests",
            "HTTP requests answered, by method, endpoint (Flask rule) and status.",
            ["method", "endpoint", "status"],
        ),
        latency=Histogram(
            "penwise_http_request_duration_seconds",
            "Time to answer a request (a stream: until its first byte), by endpoint.",
            ["method", "endpoint"],
            buckets=LATENCY_BUCKETS,
        ),
        answers=Counter(
            "penwise_answers",
            "Answers of the check, rewrite, ideas and improve endpoints, by engine that answered.",
            ["endpoint", "engine"],
        ),
        degraded=Counter(
            "penwise_degraded_answers",
            "Answers a fallback engine gave, by cause (the warning code, e.g. llm-timeout).",
            ["endpoint", "cause"],
        ),
        model_tokens=Counter(
            "penwise_model_tokens",
            "Tokens the model endpoint reported spending, by kind (prompt or completion).",
            ["kind"],
        ),
        chunks=Histogram(
            "penwise_chunks_per_request",
            "Chunks a request's text was processed in (requests that chunked at all).",
            ["endpoint"],
            buckets=CHUNK_BUCKETS,
        ),
        auth_rejected=Counter(
            "penwise_auth_rejections",
            "Requests refused for want of a valid API key, by reason (missing or invalid).",
            ["reason"],
        ),
        rate_limited=Counter("penwise_rate_limited", "Requests refused by a rate limit (429)."),
        cache=Counter("penwise_cache_lookups", "Result cache lookups, by result.", ["result"]),
        feedback=Counter(
            "penwise_feedback",
            "Feedback events on suggestions, by action (per rule: GET /v1/stats).",
            ["action"],
        ),
    )


def multiprocess_mode() -> bool:
    """Whether samples go to ``PROMETHEUS_MULTIPROC_DIR`` (under gunicorn)."""
    return bool(os.environ.get(MULTIPROC_ENV))


def render() -> bytes:
    """Every metric in Prometheus' text format; under gunicorn, summed over the workers."""
    from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess

    _metrics()  # the families exist (at zero) before the first request counts anything
    if not multiprocess_mode():
        return generate_latest(REGISTRY)
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry)


def mark_worker_dead(pid: int) -> None:
    """Tell prometheus_client a gunicorn worker exited (gunicorn's ``child_exit`` hook)."""
    if multiprocess_mode():
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)


def observe_request(method: str, endpoint: str, status: int, seconds: float) -> None:
    """Count one answered request and its latency."""
    metrics = _metrics()
    metrics.requests.labels(method, endpoint, str(status)).inc()
    metrics.latency.labels(method, endpoint).observe(seconds)


def count_answer(endpoint: str, engine: str, causes: frozenset[str]) -> None:
    """Count an answer by the engine that gave it, and a degraded one by each cause."""
    metrics = _metrics()
    metrics.answers.labels(endpoint, engine).inc()
    for cause in causes:
        metrics.degraded.labels(endpoint, cause).inc()


def count_model_tokens(prompt: int, completion: int) -> None:
    """Count the tokens a model call reported spending."""
    metrics = _metrics()
    if prompt > 0:
        metrics.model_tokens.labels("prompt").inc(prompt)
    if completion > 0:
        metrics.model_tokens.labels("completion").inc(completion)


def start_chunk_count() -> None:
    """Start counting the chunks of the request this thread now serves."""
    _chunks.set([])


def count_chunks(count: int) -> None:
    """Add ``count`` chunks to the current request's total (nothing outside a request)."""
    counted = _chunks.get()
    if counted is not None:
        counted.append(count)


def finish_chunk_count(endpoint: str) -> None:
    """Observe the current request's chunks, if it chunked, and stop counting."""
    counted = _chunks.get()
    _chunks.set(None)
    if counted:
        _metrics().chunks.labels(endpoint).observe(sum(counted))


def count_auth_rejected(reason: str) -> None:
    """Count a request refused for its API key (``missing`` or ``invalid``)."""
    _metrics().auth_rejected.labels(reason).inc()


def count_rate_limited() -> None:
    """Count a request refused by a rate limit."""
    _metrics().rate_limited.inc()


def count_cache(hit: bool) -> None:
    """Count a result cache lookup."""
    _metrics().cache.labels("hit" if hit else "miss").inc()


def count_feedback(action: str) -> None:
    """Count a feedback event (``applied``, ``ignored`` or ``dismissed``)."""
    _metrics().feedback.labels(action).inc()
