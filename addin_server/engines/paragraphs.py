"""Check a batch of paragraphs, each as if it were the whole text.

Checking as you write sends the paragraphs a writer changed, not the document. A paragraph's
answer depends on its text and the options only, never on which other paragraphs came in the
same batch: a host may send any paragraphs in any order, and a paragraph the server has seen
before is answered from the local engine's per-paragraph results (``ADDIN_CACHE_MB``). Rules
that read across paragraphs (a run of sentences that open alike) see one paragraph at a time,
and those about a text's first or last sentence (its opening capital, its closing full stop)
are left to whole checks: a paragraph is not a text, and the one being typed has no full stop
yet.

A paragraph the request's deadline leaves unchecked is answered as not checked (all of it
``unprocessed``), so the host sends it again rather than showing it clean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from addin_server.engines.base import CheckOptions, Engine
from addin_server.engines.fanout import deadline_passed
from addin_server.records import CheckResult, Notice, Span
from addin_server.rules import builtin_rules


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph as a host names it: its own id and its text."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class ParagraphCheck:
    """A paragraph and what its check found (offsets relative to the paragraph)."""

    paragraph: Paragraph
    result: CheckResult


def check_paragraphs(
    engine: Engine, paragraphs: Sequence[Paragraph], options: CheckOptions
) -> list[ParagraphCheck]:
    """Check each paragraph on its own, in the order given."""
    options = replace(options, disabled_rules=options.disabled_rules | whole_text_rules())
    checks = []
    for paragraph in paragraphs:
        if not paragraph.text.strip():
            result = CheckResult((), options.language, engine.name)
        elif deadline_passed():
            unchecked = (Span(0, len(paragraph.text)),)
            result = CheckResult((), options.language, engine.name, unprocessed=unchecked)
        else:
            result = engine.check(paragraph.text, options)
        checks.append(ParagraphCheck(paragraph, result))
    return checks


def batch_warnings(checks: Sequence[ParagraphCheck]) -> tuple[Notice, ...]:
    """The warnings of every paragraph's check, each once, in the order first met."""
    seen: dict[tuple[str, str], Notice] = {}
    for check in checks:
        for notice in check.result.warnings:
            seen.setdefault((notice.code, notice.message), notice)
    return tuple(seen.values())


@cache
def whole_text_rules() -> frozenset[str]:
    """The ids of the rules about a text's first or last sentence."""
    return frozenset(rule.info.id for rule in builtin_rules() if getattr(rule, "whole_text", False))
