"""Turn engine records into the JSON the API returns, with offsets in both units."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from addin_server.api.provenance import provenance_json
from addin_server.engines.paragraphs import ParagraphCheck, batch_warnings
from addin_server.messages.catalog import ENGLISH, localized
from addin_server.records import (
    CheckResult,
    Edit,
    IdeasResult,
    Issue,
    Notice,
    RewriteResult,
    Span,
)
from addin_server.text.offsets import Utf16Index
from addin_server.text.readability import text_stats


def range_json(index: Utf16Index, span: Span) -> dict[str, int]:
    """A span as ``{offset, length, utf16_offset, utf16_length}``."""
    utf16_offset, utf16_length = index.utf16_span(span.start, span.end)
    return {
        "offset": span.start,
        "length": span.length,
        "utf16_offset": utf16_offset,
        "utf16_length": utf16_length,
    }


def issue_json(text: str, index: Utf16Index, issue: Issue, *, ui: str = ENGLISH) -> dict[str, Any]:
    """One issue as the API shows it, its message in the language ``ui`` where the tables
    have it; ``text[offset:offset+length]`` is the flagged text."""
    start, end = issue.span.start, issue.span.end
    flagged = text[start:end]
    digest = hashlib.blake2s(
        f"{issue.rule_id}\0{start}\0{flagged}".encode("utf-8", "surrogatepass")
    )
    located = range_json(index, issue.span)
    message, language = localized(ui, issue.message_id, issue.params, issue.message)
    return {
        "id": digest.hexdigest()[:16],
        "rule_id": issue.rule_id,
        "category": issue.category.value,
        "kind": issue.kind,
        "message": message,
        "message_id": issue.message_id or None,
        "message_language": language,
        "text": flagged,
        "offset": located["offset"],
        "length": located["length"],
        "utf16_offset": located["utf16_offset"],
        "utf16_length": located["utf16_length"],
        "replacements": list(issue.replacements),
        "severity": issue.severity.value,
    }


def edit_json(text: str, index: Utf16Index, edit: Edit) -> dict[str, Any]:
    """One edit of a rewrite, located in the original text."""
    return {
        **range_json(index, edit.span),
        "original": text[edit.span.start : edit.span.end],
        "replacement": edit.replacement,
    }


def notices_json(notices: tuple[Notice, ...], ui: str = ENGLISH) -> list[dict[str, str]]:
    """Warnings as a list of ``{code, message, message_language}``, in ``ui`` where the
    tables have them."""
    answered = []
    for notice in notices:
        message, language = localized(ui, notice.message_id, notice.params, notice.message)
        answered.append({"code": notice.code, "message": message, "message_language": language})
    return answered


def outcome_json(
    index: Utf16Index, result: CheckResult | RewriteResult | IdeasResult, ui: str = ENGLISH
) -> dict[str, Any]:
    """The fields every answer carries: engine, degraded, warnings, what was not processed,
    and the language its messages were asked in."""
    return {
        "engine": result.engine,
        "degraded": result.degraded,
        "ui_language": ui,
        "warnings": notices_json(result.warnings, ui),
        "incomplete": bool(result.unprocessed),
        "unprocessed": [range_json(index, span) for span in result.unprocessed],
    }


def stats_json(text: str) -> dict[str, Any]:
    """Length and readability of the whole text."""
    return asdict(text_stats(text))


def check_json(
    text: str, result: CheckResult, model: str | None = None, *, ui: str = ENGLISH
) -> dict[str, Any]:
    """The body of a ``/v1/check`` answer; ``model`` is the configured model's name; its
    messages are in ``ui`` where the tables have them."""
    index = Utf16Index(text)
    return {
        "issues": [issue_json(text, index, issue, ui=ui) for issue in result.issues],
        "language": result.language,
        **outcome_json(index, result, ui),
        "stats": stats_json(text),
        "provenance": provenance_json("check", result.engine, model, checked_by=result.engine),
        "cache": asdict(result.cache) if result.cache else None,
    }


def rewrite_json(
    text: str, result: RewriteResult, model: str | None = None, *, ui: str = ENGLISH
) -> dict[str, Any]:
    """The body of a ``/v1/rewrite`` answer."""
    index = Utf16Index(text)
    return {
        "rewritten": result.rewritten,
        "edits": [edit_json(text, index, edit) for edit in result.edits],
        **outcome_json(index, result, ui),
        "provenance": provenance_json("rewrite", result.engine, model),
    }


def ideas_json(
    text: str, result: IdeasResult, model: str | None = None, *, ui: str = ENGLISH
) -> dict[str, Any]:
    """The body of a ``/v1/ideas`` answer."""
    return {
        "ideas": [
            {"kind": idea.kind.value, "title": idea.title, "text": idea.text}
            for idea in result.ideas
        ],
        **outcome_json(Utf16Index(text), result, ui),
        "provenance": provenance_json("ideas", result.engine, model),
    }


def improve_json(
    text: str,
    checked: CheckResult,
    rewritten: RewriteResult,
    model: str | None = None,
    *,
    ui: str = ENGLISH,
) -> dict[str, Any]:
    """The body of a ``/v1/improve`` answer: the check's issues and a rewrite preview, with
    the outcome fields of both combined; its provenance is the rewrite's, and names the
    issues the model wrote."""
    check_part = check_json(text, checked, ui=ui)
    rewrite_part = rewrite_json(text, rewritten, ui=ui)
    warnings = check_part["warnings"] + [
        warning for warning in rewrite_part["warnings"] if warning not in check_part["warnings"]
    ]
    return {
        "issues": check_part["issues"],
        "rewrite": {"rewritten": rewrite_part["rewritten"], "edits": rewrite_part["edits"]},
        "language": check_part["language"],
        "engine": check_part["engine"],
        "degraded": check_part["degraded"] or rewrite_part["degraded"],
        "ui_language": ui,
        "warnings": warnings,
        "incomplete": check_part["incomplete"] or rewrite_part["incomplete"],
        "unprocessed": check_part["unprocessed"] + rewrite_part["unprocessed"],
        "stats": check_part["stats"],
        "provenance": provenance_json(
            "improve", rewritten.engine, model, checked_by=checked.engine
        ),
    }


def paragraphs_json(
    checks: Sequence[ParagraphCheck],
    language: str,
    engine: str,
    notices: tuple[Notice, ...],
    model: str | None = None,
    *,
    ui: str = ENGLISH,
) -> dict[str, Any]:
    """The body of a ``/v1/check/paragraphs`` answer: issues per paragraph, in its offsets."""
    answered = []
    for check in checks:
        text, result = check.paragraph.text, check.result
        index = Utf16Index(text)
        answered.append(
            {
                "id": check.paragraph.id,
                "issues": [issue_json(text, index, issue, ui=ui) for issue in result.issues],
                "incomplete": result.incomplete,
                "unprocessed": [range_json(index, span) for span in result.unprocessed],
            }
        )
    results = [check.result for check in checks]
    answered_by = results[0].engine if results else engine
    uses = [result.cache for result in results if result.cache is not None]
    cache = {
        "paragraphs": sum(use.paragraphs for use in uses),
        "from_cache": sum(use.from_cache for use in uses),
    }
    return {
        "paragraphs": answered,
        "cache": cache if uses else None,
        "language": results[0].language if results else language,
        "engine": answered_by,
        "degraded": bool(notices) or any(result.degraded for result in results),
        "ui_language": ui,
        "warnings": notices_json(notices + batch_warnings(checks), ui),
        "incomplete": any(result.incomplete for result in results),
        "provenance": provenance_json("check", answered_by, model, checked_by=answered_by),
    }
