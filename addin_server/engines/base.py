"""The engine protocol: what every engine (local, LLM) offers to the API layer."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol, runtime_checkable

from addin_server import languages
from addin_server.records import CheckResult, IdeaKind, IdeasResult, RewriteResult
from addin_server.rules.base import Rule


class Markup(StrEnum):
    """How the text is marked up; Word and Docs selections are plain text."""

    PLAIN = "plain"
    MARKDOWN = "markdown"


class Length(StrEnum):
    """How long a rewrite should be relative to the original."""

    SHORTER = "shorter"
    SAME = "same"
    LONGER = "longer"


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """Per-request options of a check; nothing here outlives the request."""

    language: str = languages.UNSTATED
    markup: Markup = Markup.PLAIN
    dictionary: frozenset[str] = field(default_factory=frozenset)
    disabled_rules: frozenset[str] = field(default_factory=frozenset)
    enabled_rules: frozenset[str] = field(default_factory=frozenset)
    # Issue categories to report (correctness, clarity, style); empty means all.
    categories: frozenset[str] = field(default_factory=frozenset)
    # --- local engine ---
    # Rules of this request only, such as those of its own style guide (``guide.*``).
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True, slots=True)
class RewriteOptions:
    """What a rewrite should do: a tone (or none, for a plain clean-up), and its sliders."""

    tone: str | None = None
    formality: int = 0  # -2 (very casual) .. 2 (very formal)
    length: Length = Length.SAME
    instruction: str = ""
    language: str = languages.UNSTATED
    # Markdown's markup (code, links, emphasis, headings, list markers) is left as it is.
    markup: Markup = Markup.PLAIN


@dataclass(frozen=True, slots=True)
class IdeaOptions:
    """Which kinds of idea prompts to suggest, and how many of each."""

    kinds: tuple[IdeaKind, ...] = tuple(IdeaKind)
    count: int = 3
    language: str = languages.UNSTATED


class EngineUnsupported(Exception):
    """The engine cannot do this operation; the message says what to use instead."""


class EngineUnavailable(Exception):
    """The engine's backend failed and nothing else could answer; the message says what to
    do, ``code`` names the cause (the model engine's errors are subclasses). The API layer
    knows this class only, never the backend's own errors."""

    code = "engine-unavailable"


class Engine(Protocol):
    """A writing engine. Implementations must be safe to call from many threads at once."""

    name: str

    def check(self, text: str, options: CheckOptions) -> CheckResult:
        """Find grammar, spelling and style issues in ``text``."""
        ...

    def rewrite(self, text: str, options: RewriteOptions) -> RewriteResult:
        """Rewrite ``text`` in the asked tone; the edits come from :mod:`text.diff`."""
        ...

    def ideas(self, text: str, options: IdeaOptions) -> IdeasResult:
        """Suggest ways to continue, expand, question or counter ``text``."""
        ...

    def describe_rule(self, rule_id: str) -> str:
        """Return a one-line description of a rule, or ``""`` if it is unknown."""
        ...

    def warm_up(self) -> None:
        """Build what the first request would otherwise wait for."""
        ...


class MainThreadWork(Protocol):
    """Work that must run on a process's main thread while the server runs on another."""

    def work_here(self) -> None: ...

    def stop(self) -> None: ...


@runtime_checkable
class ForkHooks(Protocol):
    """What an engine does around the server's processes. ``serve/prefork.py`` builds the app
    once, forks the workers, and calls these hooks at each step without knowing what they
    build (the local engine keeps Harper's per-thread parts this way)."""

    def warm_up_before_listening(self, *, will_fork: bool) -> None:
        """Build, before the server listens, what needs no connection; with ``will_fork``,
        only what a forked worker can use (no thread survives a fork)."""
        ...

    def before_fork(self) -> None:
        """Stop this process's threads: a forked copy would hold them as dead threads."""
        ...

    def after_fork(self) -> MainThreadWork | None:
        """Start again in a new worker; return work its main thread must do, if any."""
        ...
