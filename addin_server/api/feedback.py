"""``POST /v1/feedback`` (what writers do with suggestions) and ``GET /v1/stats``."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue

from addin_server.api.docs import documented
from addin_server.api.parsing import json_body, validated
from addin_server.observability import metrics
from addin_server.observability.feedback import Tally
from addin_server.schemas.feedback import (
    FeedbackRequestSchema,
    StatsQuerySchema,
    StatsResponseSchema,
)
from addin_server.services import services

blueprint = Blueprint("feedback", __name__)
_request_schema = FeedbackRequestSchema()
_query_schema = StatsQuerySchema()


@blueprint.post("/v1/feedback")
@documented(
    summary="Count what the writer did with a suggestion (no text is sent or kept).",
    tag="feedback",
    request=FeedbackRequestSchema,
    errors=(400, 415, 422),
    no_content=True,
)
def feedback() -> ResponseReturnValue:
    """Count one action on a rule's (or a tone's) suggestion; answer 204."""
    payload = json_body(_request_schema)
    services().feedback.record(payload["rule_id"], payload["action"], payload["tone"])
    metrics.count_feedback(payload["action"])
    return "", 204


@blueprint.get("/v1/stats")
@documented(
    summary="Acceptance of suggestions per rule and per tone over the last `hours`.",
    tag="feedback",
    query=StatsQuerySchema,
    response=StatsResponseSchema,
    errors=(422,),
)
def stats() -> ResponseReturnValue:
    """Applied, ignored and dismissed counts and the acceptance rate, most used first."""
    hours = validated(_query_schema, request.args.to_dict())["hours"]
    since = (int(time.time()) // 3600 - hours + 1) * 3600  # whole hours, the current one too
    summary = services().feedback.summary(since)
    return jsonify(
        {
            "hours": hours,
            "since": datetime.fromtimestamp(since, UTC).isoformat().replace("+00:00", "Z"),
            "rules": _tallies("rule_id", summary.rules),
            "tones": _tallies("tone", summary.tones),
            "incomplete": not summary.complete,
        }
    )


def _tallies(key: str, tallies: dict[str, Tally]) -> list[dict[str, Any]]:
    ordered = sorted(tallies.items(), key=lambda item: (-item[1].total, item[0]))
    return [
        {
            key: name,
            "applied": tally.applied,
            "ignored": tally.ignored,
            "dismissed": tally.dismissed,
            "total": tally.total,
            "acceptance_rate": round(tally.acceptance_rate, 4),
        }
        for name, tally in ordered
    ]
