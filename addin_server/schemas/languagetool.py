"""Schemas of the LanguageTool-compatible API (``/v2``), in LanguageTool's own shapes."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from addin_server.schemas.common import LANGUAGE_TAG

COMMA_LIST = {"description": "Comma-separated list."}


class LTCheckFormSchema(Schema):
    """The form fields of ``POST /v2/check`` (``application/x-www-form-urlencoded``).

    Any other field is ignored, as LanguageTool ignores the parameters it does not know:
    its clients send fields of their own (``textSessionId``, ``useragent``, ``mode``,
    ``allowIncompleteResults``...), and refusing them would refuse those clients. A field
    named here with a value it cannot take is a 422.
    """

    class Meta:
        unknown = EXCLUDE

    text = fields.String(metadata={"description": "The text to check (or use data)."})
    data = fields.String(metadata={"description": 'JSON such as {"text": "..."}.'})
    language = fields.String(required=True, validate=LANGUAGE_TAG)
    enabledRules = fields.String(metadata=COMMA_LIST)
    disabledRules = fields.String(metadata=COMMA_LIST)
    enabledCategories = fields.String(metadata=COMMA_LIST)
    disabledCategories = fields.String(metadata=COMMA_LIST)
    enabledOnly = fields.String(validate=validate.OneOf(["true", "false"]))
    level = fields.String(validate=validate.OneOf(["default", "picky"]))
    preferredVariants = fields.String(metadata=COMMA_LIST)
    motherTongue = fields.String()
    # LanguageTool clients send their account with every check; the key is checked before the
    # view runs (addin_server.security), the user name is accepted and ignored.
    username = fields.String(metadata={"description": "Accepted and ignored."})
    apiKey = fields.String(
        metadata={"description": "This server's API key, when it has keys (or send a header)."}
    )


class _Software(Schema):
    name = fields.String()
    version = fields.String()
    buildDate = fields.String()
    apiVersion = fields.Integer()
    premium = fields.Boolean()
    premiumHint = fields.String()
    status = fields.String()


class _DetectedLanguage(Schema):
    name = fields.String()
    code = fields.String()
    confidence = fields.Float()
    source = fields.String()


class _Language(Schema):
    name = fields.String()
    code = fields.String()
    detectedLanguage = fields.Nested(_DetectedLanguage)


class _Replacement(Schema):
    value = fields.String()


class _Context(Schema):
    text = fields.String()
    offset = fields.Integer(metadata={"description": "UTF-16 units into context.text."})
    length = fields.Integer()


class _Category(Schema):
    id = fields.String()
    name = fields.String()


class _Rule(Schema):
    id = fields.String()
    description = fields.String()
    issueType = fields.String()
    category = fields.Nested(_Category)


class _Type(Schema):
    typeName = fields.String()


class LTMatchSchema(Schema):
    """One match; ``offset`` and ``length`` count UTF-16 units, as LanguageTool's do."""

    message = fields.String()
    shortMessage = fields.String()
    replacements = fields.List(fields.Nested(_Replacement))
    offset = fields.Integer()
    length = fields.Integer()
    context = fields.Nested(_Context)
    sentence = fields.String()
    type = fields.Nested(_Type)
    rule = fields.Nested(_Rule)
    ignoreForIncompleteSentence = fields.Boolean()
    contextForSureMatch = fields.Integer()


class _Warnings(Schema):
    incompleteResults = fields.Boolean()


class LTCheckResponseSchema(Schema):
    """LanguageTool's check response."""

    software = fields.Nested(_Software)
    warnings = fields.Nested(_Warnings)
    language = fields.Nested(_Language)
    matches = fields.List(fields.Nested(LTMatchSchema))


class LTLanguageSchema(Schema):
    """One entry of ``GET /v2/languages``."""

    name = fields.String()
    code = fields.String()
    longCode = fields.String()
