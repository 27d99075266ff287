"""``GET /metrics``: Prometheus metrics, open like the health endpoints; keep it private."""

from __future__ import annotations

from flask import Blueprint, Response

from addin_server.api.docs import documented
from addin_server.observability import metrics as prometheus

blueprint = Blueprint("metrics", __name__)


@blueprint.get("/metrics")
@documented(
    summary="Prometheus metrics: requests, latency, engines, degraded answers, tokens, "
    "rejections, feedback. Counts only, never text; do not expose it publicly.",
    tag="health",
)
def metrics() -> Response:
    """Every metric of this server (all workers under gunicorn) in Prometheus' text format."""
    return Response(prometheus.render(), content_type=prometheus.CONTENT_TYPE)
