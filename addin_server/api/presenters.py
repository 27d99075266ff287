"""Turn engine records into the JSON the API returns, with offsets in both units."""

from __future__ import annotations

import hashlib
from typing import Any

from addin_server.records import CheckResult, Issue, Notice
from addin_server.text.offsets import Utf16Index


def issue_json(text: str, index: Utf16Index, issue: Issue) -> dict[str, Any]:
    """One issue as the API shows it; ``text[offset:offset+length]`` is the flagged text."""
    start, end = issue.span.start, issue.span.end
    flagged = text[start:end]
    utf16_offset, utf16_length = index.utf16_span(start, end)
    digest = hashlib.blake2s(
        f"{issue.rule_id}\0{start}\0{flagged}".encode("utf-8", "surrogatepass")
    )
    return {
        "id": digest.hexdigest()[:16],
        "rule_id": issue.rule_id,
        "category": issue.category.value,
        "kind": issue.kind,
        "message": issue.message,
        "text": flagged,
        "offset": start,
        "length": end - start,
        "utf16_offset": utf16_offset,
        "utf16_length": utf16_length,
        "replacements": list(issue.replacements),
        "severity": issue.severity.value,
    }


def notices_json(notices: tuple[Notice, ...]) -> list[dict[str, str]]:
    """Warnings as a list of ``{code, message}``."""
    return [{"code": notice.code, "message": notice.message} for notice in notices]


def check_json(text: str, result: CheckResult) -> dict[str, Any]:
    """The body of a ``/v1/check`` answer."""
    index = Utf16Index(text)
    return {
        "issues": [issue_json(text, index, issue) for issue in result.issues],
        "language": result.language,
        "engine": result.engine,
        "warnings": notices_json(result.warnings),
    }
