"""Turn the model's ``{quote, replacement, explanation, category}`` edits into issues.

The model never gives offsets we trust: each quote is looked up in its chunk (an exact
match, the occurrence nearest the model's position hint, else nearest the previous find,
since edits come in reading order). A quote that is not in the text is dropped, and so is
one that overlaps an edit already placed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from addin_server.records import Category, Issue, Severity, Span

RULE_ID = "llm.grammar"
MAX_EXPLANATION_CHARS = 300
_SEVERITY = {
    Category.CORRECTNESS: Severity.ERROR,
    Category.CLARITY: Severity.WARNING,
    Category.STYLE: Severity.SUGGESTION,
}


@dataclass(frozen=True, slots=True)
class ModelEdit:
    """One edit as the model proposed it (placeholders already restored)."""

    quote: str
    replacement: str
    explanation: str
    category: Category
    hint: int | None = None


def read_edits(raw: Iterable[dict[str, Any]], restore: Callable[[str], str]) -> list[ModelEdit]:
    """Schema-checked edit objects as :class:`ModelEdit`, with placeholders put back."""
    edits = []
    for item in raw:
        hint = item.get("offset")
        edits.append(
            ModelEdit(
                quote=restore(item["quote"]),
                replacement=restore(item["replacement"]),
                explanation=" ".join(item["explanation"].split())[:MAX_EXPLANATION_CHARS],
                category=Category(item["category"]),
                hint=hint if isinstance(hint, int) and hint >= 0 else None,
            )
        )
    return edits


def locate(text: str, edits: Iterable[ModelEdit]) -> list[Issue]:
    """Issues for the edits whose quote is found in ``text``, in chunk coordinates."""
    issues: list[Issue] = []
    taken: list[Span] = []
    previous_end = 0
    for edit in edits:
        if not edit.quote or edit.quote == edit.replacement:
            continue
        hint = edit.hint if edit.hint is not None else previous_end
        span = _nearest(text, edit.quote, hint, taken)
        if span is None:
            continue
        taken.append(span)
        previous_end = span.end
        issues.append(_issue(edit, span))
    return sorted(issues, key=lambda issue: issue.span)


def _nearest(text: str, quote: str, hint: int, taken: list[Span]) -> Span | None:
    best: Span | None = None
    start = text.find(quote)
    while start != -1:
        span = Span(start, start + len(quote))
        if not any(span.overlaps(other) for other in taken) and (
            best is None or abs(start - hint) < abs(best.start - hint)
        ):
            best = span
        start = text.find(quote, start + 1)
    return best


def _issue(edit: ModelEdit, span: Span) -> Issue:
    message = edit.explanation or f"Consider “{edit.replacement}”."
    return Issue(
        rule_id=RULE_ID,
        category=edit.category,
        kind="grammar" if edit.category is Category.CORRECTNESS else edit.category.value,
        message=message,
        span=span,
        replacements=(edit.replacement,),
        severity=_SEVERITY[edit.category],
        description="Found by the language model (deep grammar check).",
    )
