"""Run an engine over JFLEG: detokenise, check, apply each issue's first fix, retokenise.

Only correctness issues are applied: JFLEG's references correct grammar and spelling, and a
clarity or style suggestion ("in order to" -> "to") is advice to a writer, not a correction
a grammar checker should be scored on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from addin_server.engines.base import CheckOptions, Engine
from addin_server.records import Edit, Issue
from addin_server.text.diff import apply_edits
from quality.tokens import detokenize, tokenize

GRAMMAR_ONLY = CheckOptions(categories=frozenset({"correctness"}))


@dataclass(frozen=True)
class Corrected:
    """One sentence as the checker saw it, the issues it found, and the tokens after fixes."""

    text: str
    issues: tuple[Issue, ...]
    tokens: list[str]


def fixes(issues: Sequence[Issue]) -> list[Edit]:
    """The first replacement of every issue that offers one."""
    return [Edit(issue.span, issue.replacements[0]) for issue in issues if issue.replacements]


def correct(engine: Engine, tokenised: str) -> Corrected:
    """Check one JFLEG line and apply the first suggestion of each issue."""
    text = detokenize(tokenised)
    issues = engine.check(text, GRAMMAR_ONLY).issues
    return Corrected(text, issues, tokenize(apply_edits(text, fixes(issues))))


def correct_all(engine: Engine, lines: Sequence[str]) -> list[Corrected]:
    """Correct every line, in order."""
    return [correct(engine, line) for line in lines]
