"""Word-for-word replacements from a table in ``transforms/data`` ("gonna" -> "going to")."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo
from addin_server.rules.kinds import PhraseRule
from addin_server.rules.tables import parse_phrase, rows

DATA = Path(__file__).with_name("data")


@cache
def lexicon_rule(table: str) -> PhraseRule:
    """A phrase rule (not one the check runs) built from ``data/<table>``."""
    phrases = dict(parse_phrase(cells) for cells in rows(DATA / table))
    info = RuleInfo(
        id=f"rewrite.{table.removesuffix('.tsv')}",
        description=f"Replacements from {table}.",
        category=Category.STYLE,
        kind="rewrite",
        severity=Severity.SUGGESTION,
        examples=(),
    )
    return PhraseRule(info, phrases)
