"""Word-for-word replacements from a table in ``transforms/data`` ("gonna" -> "going to").

A word-for-word expansion can leave a phrase that is not English: "cuz traffic" becomes
"because traffic". So each replacement is read again in its sentence by the check rules that
judge what an expansion brings in (:data:`FOLLOW_UP`): where one of them fixes the expanded
words, the replacement carries that fix ("because of traffic"). The check offers the same
forms (engines/local/shorthand.py), so a rewrite and a check agree.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from addin_server.records import Category, Issue, Severity, Span
from addin_server.rules.base import Document, Rule, RuleInfo
from addin_server.rules.grammar import because_of, missing_be
from addin_server.rules.kinds import PhraseRule
from addin_server.rules.tables import parse_phrase, rows

DATA = Path(__file__).with_name("data")
# Check rules that read an expansion in its sentence, and may complete it.
FOLLOW_UP: tuple[Rule, ...] = (because_of.RULE, missing_be.RULE)


@dataclass
class LexiconRule:
    """A table's replacements, each completed by :data:`FOLLOW_UP` where they fix it."""

    info: RuleInfo
    table: PhraseRule

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield the table's issues, with their first replacement completed."""
        issues = sorted(self.table.find(document), key=lambda issue: issue.span)
        yield from _completed(document.text, issues) if issues else ()


def _completed(text: str, issues: Sequence[Issue]) -> list[Issue]:
    """``issues`` with each first replacement completed by the follow-up rules' fixes."""
    expanded: list[str] = []
    spans: list[Span | None] = []
    cursor = shift = 0
    for issue in issues:
        if issue.span.start < cursor or not issue.replacements:
            spans.append(None)
            continue
        expanded.append(text[cursor : issue.span.start])
        start = issue.span.start + shift
        expanded.append(issue.replacements[0])
        spans.append(Span(start, start + len(issue.replacements[0])))
        shift += len(issue.replacements[0]) - issue.span.length
        cursor = issue.span.end
    expanded.append(text[cursor:])
    document = Document("".join(expanded))
    fixes = [found for rule in FOLLOW_UP for found in rule.find(document) if found.replacements]
    completed = []
    for issue, span in zip(issues, spans, strict=True):
        inside = [f for f in fixes if span and span.start <= f.span.start <= f.span.end <= span.end]
        if span is None or len(inside) != 1:
            completed.append(issue)
            continue
        fix, first = inside[0], issue.replacements[0]
        start, end = fix.span.start - span.start, fix.span.end - span.start
        better = first[:start] + fix.replacements[0] + first[end:]
        completed.append(replace(issue, replacements=(better, *issue.replacements[1:])))
    return completed


@cache
def lexicon_rule(table: str) -> LexiconRule:
    """A rule (not one the check runs) built from ``data/<table>``."""
    phrases = dict(parse_phrase(cells) for cells in rows(DATA / table))
    info = RuleInfo(
        id=f"rewrite.{table.removesuffix('.tsv')}",
        description=f"Replacements from {table}.",
        category=Category.STYLE,
        kind="rewrite",
        severity=Severity.SUGGESTION,
        examples=(),
    )
    return LexiconRule(info, PhraseRule(info, phrases))
