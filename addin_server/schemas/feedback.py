"""Schemas of ``POST /v1/feedback`` and ``GET /v1/stats``."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from addin_server.observability.feedback import ACTIONS, KEEP_HOURS
from addin_server.tones import TONE_NAMES

RULE_ID = validate.Regexp(
    r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$",
    error="Not a rule id: up to 200 letters, digits and . _ : - (such as style.wordiness).",
)


class FeedbackRequestSchema(Schema):
    """What the writer did with one suggestion; no text."""

    rule_id = fields.String(
        required=True, validate=RULE_ID, metadata={"example": "style.wordiness"}
    )
    action = fields.String(required=True, validate=validate.OneOf(ACTIONS))
    tone = fields.String(
        load_default=None,
        allow_none=True,
        validate=validate.OneOf(TONE_NAMES),
        metadata={"description": "The tone of the rewrite the suggestion came from, if any."},
    )


class StatsQuerySchema(Schema):
    """The window of ``GET /v1/stats``."""

    hours = fields.Integer(
        load_default=24,
        validate=validate.Range(min=1, max=KEEP_HOURS),
        metadata={"description": "Hours back from now, counted in whole hours (1 to 720)."},
    )


class TallySchema(Schema):
    """Counts of one rule's or tone's suggestions over the window."""

    applied = fields.Integer(required=True)
    ignored = fields.Integer(required=True)
    dismissed = fields.Integer(required=True)
    total = fields.Integer(required=True)
    acceptance_rate = fields.Float(
        required=True, metadata={"description": "applied / total, from 0 to 1."}
    )


class RuleTallySchema(TallySchema):
    """A rule's counts."""

    rule_id = fields.String(required=True)


class ToneTallySchema(TallySchema):
    """A tone's counts."""

    tone = fields.String(required=True)


class StatsResponseSchema(Schema):
    """Acceptance per rule and per tone, most used first."""

    hours = fields.Integer(required=True)
    since = fields.String(
        required=True, metadata={"description": "Start of the first hour counted (UTC)."}
    )
    rules = fields.List(fields.Nested(RuleTallySchema), required=True)
    tones = fields.List(fields.Nested(ToneTallySchema), required=True)
    incomplete = fields.Boolean(
        required=True,
        metadata={
            "description": "true while Redis (ADDIN_REDIS_URL) is away: every count is then "
            "only what this machine counted since it went; the rest returns with Redis."
        },
    )
