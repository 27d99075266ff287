"""Wire request ids and metrics into an app: one hook before, after and around each request."""

from __future__ import annotations

import time
from typing import TypeVar

from flask import Flask, Response, g, has_request_context, request

from addin_server.observability import metrics
from addin_server.observability.request_ids import HEADER, request_id
from addin_server.records import CheckResult, IdeasResult, RewriteResult

NO_ROUTE = "none"
Answer = TypeVar("Answer", CheckResult, RewriteResult, IdeasResult)


def endpoint_label() -> str:
    """The Flask rule that matched (``/v1/check``), never the raw path."""
    return request.url_rule.rule if request.url_rule else NO_ROUTE


def note_answer(result: Answer) -> Answer:
    """Remember which engine answered and why it degraded, for the request's metrics, and
    return ``result``. A view notes what it answers (the presenters, which the command line
    shares, know nothing of requests).

    ``/v1/improve`` notes two results (check and rewrite): the first engine, every cause.
    """
    if not has_request_context():
        return result
    causes = {w.code for w in result.warnings if w.code.startswith("llm-")} or {"other"}
    noted = g.get("penwise_answer")
    engine = noted[0] if noted else result.engine
    causes = (noted[1] if noted else set()) | (causes if result.degraded else set())
    g.penwise_answer = (engine, causes)
    return result


def install_observability(app: Flask) -> None:
    """Give every request an id (echoed in ``X-Request-ID``) and count it in the metrics."""

    @app.before_request
    def _start() -> None:
        g.penwise_started = time.perf_counter()
        metrics.start_chunk_count()

    @app.after_request
    def _finish(response: Response) -> Response:
        response.headers[HEADER] = request_id() or ""
        if response.is_streamed:
            g.penwise_streaming = True  # its answer and chunks come after this
        started = g.get("penwise_started", time.perf_counter())
        elapsed = time.perf_counter() - started
        metrics.observe_request(request.method, endpoint_label(), response.status_code, elapsed)
        if not response.is_streamed:  # a stream's time is not known yet
            # The server's own time (W3C Server Timing): what a client or a benchmark tells
            # apart from the network and the queue.
            response.headers["Server-Timing"] = f"app;dur={elapsed * 1000:.1f}"
        return response

    @app.teardown_request
    def _count_answer(_error: BaseException | None) -> None:
        # Flask tears a streamed request down twice: when the view returns, and after the
        # stream; its answer and chunks are known only at the second.
        if g.pop("penwise_streaming", False):
            return
        endpoint = endpoint_label()
        metrics.finish_chunk_count(endpoint)
        if noted := g.pop("penwise_answer", None):
            metrics.count_answer(endpoint, noted[0], frozenset(noted[1]))
