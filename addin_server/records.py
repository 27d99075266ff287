"""The shared vocabulary of engines, rules and the API: small frozen records.

Offsets are half-open ``[start, end)`` and counted in code points (Python ``str`` indices);
the API layer adds UTF-16 offsets for clients that count like JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAX_REPLACEMENTS = 5


class Category(StrEnum):
    """What kind of help an issue offers; the taskpane groups issues by it."""

    CORRECTNESS = "correctness"
    CLARITY = "clarity"
    STYLE = "style"


class Severity(StrEnum):
    """How strongly an issue asks for attention."""

    ERROR = "error"
    WARNING = "warning"
    SUGGESTION = "suggestion"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A half-open range of code points ``[start, end)``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span [{self.start}, {self.end})")

    @property
    def length(self) -> int:
        """Number of code points covered."""
        return self.end - self.start

    def shifted(self, delta: int) -> Span:
        """Return the span moved by ``delta`` code points."""
        return Span(self.start + delta, self.end + delta)

    def overlaps(self, other: Span) -> bool:
        """Whether the two spans share at least one code point."""
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in a text, with the replacements that would fix it (best first)."""

    rule_id: str
    category: Category
    kind: str
    message: str
    span: Span
    replacements: tuple[str, ...] = ()
    severity: Severity = Severity.WARNING
    description: str = ""
    # The message's id in the message tables and its parameters (addin_server.messages):
    # how the API says it in the writer's language. No id: ``message`` is all there is (a
    # model's own words, a style guide's message, a Harper message we have no template for).
    message_id: str = ""
    params: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        unique = tuple(dict.fromkeys(self.replacements))[:MAX_REPLACEMENTS]
        if unique != self.replacements:
            object.__setattr__(self, "replacements", unique)

    def shifted(self, delta: int) -> Issue:
        """Return the issue moved by ``delta`` code points (chunk to document coordinates)."""
        # Built field by field: ``dataclasses.replace`` takes twice as long, and a check moves
        # every issue of every cached paragraph.
        return Issue(
            self.rule_id,
            self.category,
            self.kind,
            self.message,
            self.span.shifted(delta),
            self.replacements,
            self.severity,
            self.description,
            self.message_id,
            self.params,
        )


@dataclass(frozen=True, slots=True)
class Notice:
    """A warning the writer should see with an answer (e.g. the language was not checked);
    ``message_id`` and ``params`` say it in the writer's language, as an issue's do."""

    code: str
    message: str
    message_id: str = ""
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CacheUse:
    """How a check used the paragraph cache: the text's paragraphs, and how many of them
    the cache answered (checked before by any worker of the server)."""

    paragraphs: int
    from_cache: int


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What a check returns: the issues in document order, plus any warnings."""

    issues: tuple[Issue, ...]
    language: str
    engine: str
    warnings: tuple[Notice, ...] = ()
    unprocessed: tuple[Span, ...] = ()
    degraded: bool = False
    cache: CacheUse | None = None  # None: the paragraph cache was not used

    @property
    def incomplete(self) -> bool:
        """Whether part of the text was not checked (see ``unprocessed``)."""
        return bool(self.unprocessed)


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``span`` of the original text with ``replacement`` (insert if the span is empty,
    delete if the replacement is)."""

    span: Span
    replacement: str

    def shifted(self, delta: int) -> Edit:
        """Return the edit moved by ``delta`` code points."""
        return Edit(self.span.shifted(delta), self.replacement)


@dataclass(frozen=True, slots=True)
class RewriteResult:
    """A rewrite of a text and the edits that turn the original into it."""

    rewritten: str
    edits: tuple[Edit, ...]
    engine: str
    degraded: bool = False
    warnings: tuple[Notice, ...] = ()
    unprocessed: tuple[Span, ...] = ()


class IdeaKind(StrEnum):
    """The ways an idea prompt can take the selected text further."""

    CONTINUE = "continue"
    EXPAND = "expand"
    QUESTIONS = "questions"
    COUNTERPOINT = "counterpoint"
    EXAMPLES = "examples"
    HEADLINE = "headline"
    OUTLINE = "outline"


@dataclass(frozen=True, slots=True)
class Idea:
    """One idea prompt: a short title and the suggestion itself."""

    kind: IdeaKind
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class IdeasResult:
    """The ideas for a text, grouped by kind in the order asked."""

    ideas: tuple[Idea, ...]
    engine: str
    degraded: bool = False
    warnings: tuple[Notice, ...] = ()
    unprocessed: tuple[Span, ...] = ()
