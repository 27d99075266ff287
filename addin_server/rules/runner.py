"""Run our rules over one document, honouring a request's rule and category filters."""

from __future__ import annotations

from collections.abc import Iterable

from addin_server.records import Issue
from addin_server.rules.base import Document, Rule


def find_issues(
    rules: Iterable[Rule],
    document: Document,
    disabled: frozenset[str] = frozenset(),
    categories: frozenset[str] = frozenset(),
) -> tuple[list[Issue], list[Issue]]:
    """Return ``(issues, notes)``: what the enabled rules find, the notes being the issues
    of region rules (whole sentences) that may contain others.

    A rule is skipped when its id is in ``disabled`` or its category is not in
    ``categories`` (empty means every category). Nothing is flagged inside a URL, an e-mail
    address, inline code or an identifier, whatever the rule.
    """
    issues: list[Issue] = []
    notes: list[Issue] = []
    for rule in rules:
        info = rule.info
        if info.id in disabled or (categories and info.category.value not in categories):
            continue
        if info.region:
            notes.extend(rule.find(document))
        else:
            issues.extend(i for i in rule.find(document) if not document.protected.touches(i.span))
    return issues, notes
