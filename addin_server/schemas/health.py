"""Schemas of the health and information endpoints."""

from __future__ import annotations

from marshmallow import Schema, fields


class HealthSchema(Schema):
    """Liveness or readiness, with what is not ready yet."""

    status = fields.String(required=True, metadata={"example": "ok"})
    checks = fields.Dict(keys=fields.String(), values=fields.String())


class InfoSchema(Schema):
    """What this server is and what it accepts."""

    name = fields.String(required=True)
    version = fields.String(required=True)
    engines = fields.List(fields.String(), required=True)
    default_engine = fields.String(required=True)
    languages = fields.List(fields.String(), required=True)
    limits = fields.Dict(keys=fields.String(), values=fields.Integer(), required=True)
    feedback = fields.Boolean(
        required=True, metadata={"description": "Whether POST /v1/feedback is counted."}
    )
    send_check = fields.Boolean(
        required=True,
        metadata={
            "description": "Whether Outlook's check on Send runs (ADDIN_OUTLOOK_SEND_CHECK)."
        },
    )
