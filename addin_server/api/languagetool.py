"""LanguageTool's HTTP API (``/v2/check``, ``/v2/languages``, ``/v2/healthcheck``).

Existing LanguageTool clients (editor plugins, ``language_tool_python``) point their server
URL here and keep working: same form fields, same JSON, offsets in UTF-16 units.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, Response, jsonify, request
from flask.typing import ResponseReturnValue

from addin_server import languages
from addin_server.api.docs import documented
from addin_server.api.languagetool_format import (
    MatchFormatter,
    category_of,
    language_json,
    software,
)
from addin_server.api.parsing import (
    load_json,
    require_text_within_limit,
    ui_language,
    validated,
)
from addin_server.engines.base import CheckOptions
from addin_server.errors import (
    MalformedBody,
    MissingParameter,
    UnsupportedLanguage,
    UnsupportedMediaType,
)
from addin_server.records import Category, Issue
from addin_server.schemas.languagetool import (
    LTCheckFormSchema,
    LTCheckResponseSchema,
    LTLanguageSchema,
)
from addin_server.services import services
from addin_server.text.annotation import AnnotatedText, AnnotationError, parse_annotation, plain

blueprint = Blueprint("languagetool", __name__, url_prefix="/v2")
_form_schema = LTCheckFormSchema()
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


@blueprint.post("/check")
@documented(
    summary="Check text, answering as LanguageTool's /v2/check does.",
    tag="languagetool",
    request=LTCheckFormSchema,
    request_mime="application/x-www-form-urlencoded",
    response=LTCheckResponseSchema,
    errors=(400, 413, 415, 422),
)
def check() -> ResponseReturnValue:
    """Check ``text`` (or ``data``) in ``language`` and return LanguageTool matches."""
    if request.mimetype not in _FORM_TYPES:
        raise UnsupportedMediaType("Send the fields form-encoded, as LanguageTool expects.")
    form = request.form.to_dict()
    if "text" not in form and "data" not in form:
        raise MissingParameter("Missing 'text' or 'data' parameter.")
    if "language" not in form:
        raise MissingParameter("Missing 'language' parameter (a code such as en-US, or auto).")
    params = validated(_form_schema, form)
    annotated = _annotated_text(params)
    require_text_within_limit(annotated.document)

    app_services = services()
    requested = params["language"]
    language = languages.resolve(
        languages.requested(
            _preferred(requested, params), app_services.settings.request.default_language
        )
    )
    if language is None:
        names = ", ".join(variant.code for variant in languages.ENGLISH_VARIANTS)
        raise UnsupportedLanguage(
            f"This server checks English only ({names}); {requested[:40]!r} is not supported."
        )
    options = CheckOptions(
        language=language.code,
        disabled_rules=frozenset(_comma_list(params.get("disabledRules"))),
        enabled_rules=frozenset(_comma_list(params.get("enabledRules"))),
    )
    # LanguageTool clients check as the writer types: always the fast local engine.
    engine = app_services.engine("local")
    result = engine.check(annotated.checked, options)
    issues = filter(_match_filter(params), result.issues)
    # LanguageTool answers in the language of the text; its only parameter about the writer,
    # motherTongue, picks the language of the hints it enables (false friends): here it picks
    # the language of every message, then Accept-Language does (README, "Languages").
    ui = ui_language(None, params.get("motherTongue"))
    formatter = MatchFormatter(annotated, engine.describe_rule, ui)
    return jsonify(
        {
            "software": software(),
            "warnings": {"incompleteResults": result.incomplete},
            "language": language_json(language, requested),
            "matches": [formatter.match(issue) for issue in issues],
        }
    )


@blueprint.get("/languages")
@documented(
    summary="List the languages this server checks.",
    tag="languagetool",
    response=LTLanguageSchema,
    many=True,
)
def list_languages() -> ResponseReturnValue:
    """LanguageTool's language list: name, short code and long code."""
    return jsonify(
        [
            {"name": variant.name, "code": variant.short_code, "longCode": variant.code}
            for variant in languages.ENGLISH_VARIANTS
        ]
    )


@blueprint.get("/healthcheck")
@documented(summary="LanguageTool's health check: answers OK.", tag="languagetool")
def healthcheck() -> ResponseReturnValue:
    """Answer ``OK`` as LanguageTool's server does."""
    return Response("OK", mimetype="text/plain")


def _annotated_text(params: dict[str, str]) -> AnnotatedText:
    if "text" in params:
        return plain(params["text"])
    data = load_json(params["data"], "The 'data' parameter")
    if isinstance(data, dict) and isinstance(data.get("text"), str):
        return plain(data["text"])
    if isinstance(data, dict) and "annotation" in data:
        try:
            return parse_annotation(data["annotation"])
        except AnnotationError as error:
            raise MalformedBody(f"The 'data' parameter is invalid: {error}.") from None
    raise MalformedBody("The 'data' parameter needs a 'text' string or an 'annotation' list.")


def _preferred(requested: str, params: dict[str, str]) -> str:
    """With ``auto``, the first English variant in ``preferredVariants`` wins."""
    if requested == "auto":
        for variant in _comma_list(params.get("preferredVariants")):
            if variant.lower().startswith("en-"):
                return variant
    return requested


def _match_filter(params: dict[str, str]) -> Callable[[Issue], bool]:
    """LanguageTool's ``level``, ``enabledOnly`` and category switches, as a predicate on
    issues."""
    enabled_rules = set(_comma_list(params.get("enabledRules")))
    enabled_categories = set(_comma_list(params.get("enabledCategories")))
    disabled_categories = set(_comma_list(params.get("disabledCategories")))
    picky = params.get("level") == "picky"

    def at_level(issue: Issue) -> bool:
        return picky or issue.rule_id in enabled_rules or _worth_an_underline(issue)

    if params.get("enabledOnly") == "true":
        return lambda issue: (
            at_level(issue)
            and (issue.rule_id in enabled_rules or category_of(issue)[0] in enabled_categories)
        )
    return lambda issue: at_level(issue) and category_of(issue)[0] not in disabled_categories


def _worth_an_underline(issue: Issue) -> bool:
    """LanguageTool's default level: clients check as the writer types and underline every
    match, so the default answers errors and the clarity notes that carry a fix ("in order
    to" -> "to"). Notes with nothing to apply (a passive, a long sentence), a bare deletion
    of a word of emphasis ("very", "quite") and matters of style (adverbs, hedges, names
    the dictionary lacks) wait for ``level=picky``."""
    if issue.category is Category.CORRECTNESS:
        return True
    return issue.category is Category.CLARITY and any(r.strip() for r in issue.replacements)


def _comma_list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]
