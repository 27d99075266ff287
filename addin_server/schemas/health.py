"""Schemas of the health and information endpoints."""

from __future__ import annotations

from marshmallow import Schema, fields, validate


class HealthSchema(Schema):
    """Liveness or readiness, with what is not ready yet."""

    status = fields.String(required=True, metadata={"example": "ok"})
    checks = fields.Dict(keys=fields.String(), values=fields.String())


class LiveInfoSchema(Schema):
    """Checking as you write, as this server allows it."""

    mode = fields.String(
        required=True,
        validate=validate.OneOf(["on", "off", "disabled"]),
        metadata={
            "description": "on: writers start with it on; off: they may turn it on; "
            "disabled: off for everyone (ADDIN_LIVE_CHECK)."
        },
    )
    max_paragraphs = fields.Integer(required=True)
    max_chars = fields.Integer(required=True)


class AuthorshipInfoSchema(Schema):
    """The marks of who wrote what, as this server's organisation wants them."""

    marks = fields.String(
        required=True,
        validate=validate.OneOf(["removable", "required"]),
        metadata={
            "description": "removable: writers may remove Penwise's marks from a document; "
            "required: they stay (ADDIN_AUTHORSHIP_MARKS)."
        },
    )


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
    live = fields.Nested(LiveInfoSchema, required=True)
    send_check = fields.Boolean(
        required=True,
        metadata={
            "description": "Whether Outlook's check on Send runs (ADDIN_OUTLOOK_SEND_CHECK)."
        },
    )
    authorship = fields.Nested(AuthorshipInfoSchema, required=True)
