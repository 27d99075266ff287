"""Harper, through ``harper-py``: a pool of linters and the translation of lints into issues.

A ``harper.Linter`` is not thread-safe and the first one costs about a second to build (later
ones share its dictionary and cost milliseconds). :class:`LinterPool` lends each caller a
linter of its own for the duration of one call, so a linter is never used by two threads at
once and every linter is reused. Per-request state (the writer's dictionary, the rule
configuration) is set on the borrowed linter when a request asks for other than it has.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache

import harper

from addin_server.engines.base import Markup
from addin_server.engines.local.harper_tuning import category_of, quiet_defaults
from addin_server.messages.catalog import Message, english, message, recognise
from addin_server.records import Category, Issue, Severity, Span
from addin_server.text.long_runs import mask_long_runs

RULE_PREFIX = "harper."
# The templates of messages several of Harper's rules share ("Did you mean “…”?").
SHARED_MESSAGES = "harper.any"

DIALECTS = {
    "en-US": harper.Dialect.AMERICAN,
    "en-GB": harper.Dialect.BRITISH,
    "en-AU": harper.Dialect.AUSTRALIAN,
    "en-CA": harper.Dialect.CANADIAN,
    "en-IN": harper.Dialect.INDIAN,
}

# Harper's lint kinds that are about style or clarity rather than correctness.
_CATEGORY_OF_KIND = {
    "Style": Category.STYLE,
    "Enhancement": Category.STYLE,
    "Readability": Category.CLARITY,
    "Redundancy": Category.CLARITY,
}

_BACKTICKED = re.compile(r"`([^`]*)`")


class _PooledLinter:
    """A linter plus the rule configuration and the extra words last given to it.

    Both stay on the linter between calls: importing words costs Harper about 10 ms and
    clearing them as much again (measured on 200 words: 20 ms of a 70 ms lint), so they
    change only when a call asks for different ones.
    """

    def __init__(self, dialect: harper.Dialect) -> None:
        self.linter = harper.Linter(dialect)
        self.config: dict[str, bool] | None = None
        self.words: frozenset[str] = frozenset()


class LinterPool:
    """Lend Harper linters to threads, one borrower per linter at a time."""

    def __init__(self) -> None:
        self._idle: dict[harper.Dialect, list[_PooledLinter]] = {}
        self._lock = threading.Lock()

    @contextmanager
    def borrow(self, dialect: harper.Dialect) -> Iterator[_PooledLinter]:
        """Lend a linter for ``dialect``; a linter that failed mid-call is not reused."""
        with self._lock:
            idle = self._idle.setdefault(dialect, [])
            pooled = idle.pop() if idle else None
        if pooled is None:
            pooled = _PooledLinter(dialect)
        yield pooled  # on an exception the linter is dropped, not returned
        with self._lock:
            self._idle[dialect].append(pooled)

    def size(self) -> int:
        """Number of idle linters (all dialects)."""
        with self._lock:
            return sum(len(linters) for linters in self._idle.values())


_dictionary_lock = threading.Lock()
_dictionary_built = False


def build_dictionary() -> None:
    """Build what every Harper linter of this process shares (its dictionary: about a second,
    the first time anything asks Harper for anything), or wait for a build under way.

    A new linter builds it without the GIL, so spaCy and our tables load meanwhile. Harper's
    default configuration also needs it but builds it holding the GIL (and, asked for during
    another thread's build, waits holding the GIL: 0.3 s of the command line's start-up, every
    other thread stopped), so :func:`default_config` comes here first; waiting here holds no
    GIL. What Harper keeps per thread: see :mod:`.lint_threads`."""
    global _dictionary_built
    if _dictionary_built:
        return
    with _dictionary_lock:
        if not _dictionary_built:
            harper.Linter(harper.Dialect.AMERICAN)
            _dictionary_built = True


def load_in_background() -> threading.Thread:
    """Start :func:`build_dictionary` on a thread of its own. Join the thread before a fork:
    built before, the dictionary is shared by the workers (copy on write), and no lock is
    held."""
    thread = threading.Thread(target=build_dictionary, name="harper-load", daemon=True)
    thread.start()
    return thread


@cache
def default_config() -> dict[str, bool]:
    """Our default rule configuration: Harper's, less its noisy rules (see harper_tuning)."""
    build_dictionary()
    return quiet_defaults(dict(harper.get_default_lint_config()))


@cache
def rule_descriptions() -> dict[str, str]:
    """One-line descriptions of Harper's rules, keyed by rule name."""
    descriptions = harper.Linter().get_lint_descriptions()
    return {name: _plain(text).split("\n")[0] for name, text in descriptions.items()}


def rule_config(enabled: Iterable[str], disabled: Iterable[str]) -> dict[str, bool]:
    """Harper's configuration with the given rule ids (``harper.X`` or ``X``) switched."""
    config = dict(default_config())
    for rule_ids, state in ((enabled, True), (disabled, False)):
        for rule_id in rule_ids:
            name = rule_id.removeprefix(RULE_PREFIX)
            if name in config:
                config[name] = state
    return config


def lint(
    pooled: _PooledLinter,
    text: str,
    markup: Markup,
    config: dict[str, bool],
    dictionary: frozenset[str],
) -> list[Issue]:
    """Lint ``text`` with the borrowed linter and return issues in text order.

    Over-long runs are blanked here too (the engine blanks and reports them earlier): one can
    take down the process (see :mod:`text.long_runs`), so no path may hand one to Harper.
    """
    text = mask_long_runs(text).text
    linter = pooled.linter
    if pooled.config != config:
        linter.set_lint_config(dict[str, bool | None](config))
        pooled.config = config
    language = harper.Language.MARKDOWN if markup is Markup.MARKDOWN else harper.Language.PLAINTEXT
    if pooled.words != dictionary:  # (a linter that fails here is not pooled again)
        if pooled.words:
            linter.clear_words()
        if dictionary:
            linter.import_words(sorted(dictionary))
        pooled.words = dictionary
    by_rule = linter.organized_lints(text, language=language)
    issues = [_to_issue(rule, found) for rule, lints in by_rule.items() for found in lints]
    issues.sort(key=lambda issue: (issue.span.start, issue.span.end, issue.rule_id))
    return issues


def _to_issue(rule: str, found: harper.Lint) -> Issue:
    kind = found.lint_kind
    category = category_of(rule, _CATEGORY_OF_KIND.get(kind, Category.CORRECTNESS))
    if category is not Category.CORRECTNESS:
        severity = Severity.SUGGESTION
    elif kind in ("Spelling", "Typo"):
        severity = Severity.ERROR
    else:
        severity = Severity.WARNING
    said: Message | None
    if rule == "SpellCheck":
        said = message(RULE_PREFIX + rule, word=found.problem_text)
        text = english(said)
    else:
        # Harper's own words, read back into one of our templates where one says exactly
        # them (else kept as they are, in English: see addin_server.messages).
        text = _plain(found.message)
        said = recognise((RULE_PREFIX + rule, SHARED_MESSAGES), text)
    replacements = tuple(
        _replacement(suggestion, found.problem_text) for suggestion in found.suggestions
    )
    return Issue(
        rule_id=RULE_PREFIX + rule,
        category=category,
        kind=_snake(kind),
        message=text,
        span=Span(found.span.start, found.span.end),
        replacements=replacements,
        severity=severity,
        message_id=said.id if said else "",
        params=said.params if said else (),
    )


def _replacement(suggestion: harper.Suggestion, problem_text: str) -> str:
    """Express every suggestion as the text that replaces the flagged span."""
    if suggestion.kind == harper.SuggestionKind.REMOVE:
        return ""
    if suggestion.kind == harper.SuggestionKind.INSERT_AFTER:
        return problem_text + suggestion.replacement_text
    return suggestion.replacement_text


def _plain(markdown: str) -> str:
    """Turn Harper's Markdown code quotes into typographic quotes."""
    return _BACKTICKED.sub(r"“\1”", markdown).strip()


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
