"""The engine protocol: what every engine (local, LLM) offers to the API layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from addin_server.records import CheckResult


class Markup(StrEnum):
    """How the text is marked up; Word and Docs selections are plain text."""

    PLAIN = "plain"
    MARKDOWN = "markdown"


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """Per-request options of a check; nothing here outlives the request."""

    language: str = "en-US"
    markup: Markup = Markup.PLAIN
    dictionary: frozenset[str] = field(default_factory=frozenset)
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    enabled_rules: frozenset[str] = field(default_factory=frozenset)


class Engine(Protocol):
    """A writing engine. Implementations must be safe to call from many threads at once."""

    name: str

    def check(self, text: str, options: CheckOptions) -> CheckResult:
        """Find grammar, spelling and style issues in ``text``."""
        ...

    def describe_rule(self, rule_id: str) -> str:
        """Return a one-line description of a rule, or ``""`` if it is unknown."""
        ...

    def warm_up(self) -> None:
        """Build what the first request would otherwise wait for."""
        ...
