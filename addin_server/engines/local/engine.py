"""The local engine: Harper plus our own rules, offline; no key, no network."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from importlib.resources import files
from typing import Any

from addin_server import languages
from addin_server.engines.base import (
    CheckOptions,
    IdeaOptions,
    MainThreadWork,
    Markup,
    RewriteOptions,
)
from addin_server.engines.local import harper as harper_backend
from addin_server.engines.local.check_cache import CachedFinder, Finding, Found
from addin_server.engines.local.decency import default_dictionary, without_offensive_replacements
from addin_server.engines.local.harper_chunks import lint_in_chunks
from addin_server.engines.local.harper_tuning import without_false_alarms
from addin_server.engines.local.idea_phrases import flagged_spans
from addin_server.engines.local.ideas import suggest_ideas
from addin_server.engines.local.lint_threads import LintThreads, warm_this_thread
from addin_server.engines.local.names import as_name_notes
from addin_server.engines.local.result_cache import MemoryResults, Results
from addin_server.engines.local.rewrite import rewrite_locally
from addin_server.engines.local.shorthand import as_shorthand_offers
from addin_server.engines.local.spelling import DIALECT_WORDS, rank_spelling
from addin_server.engines.local.spelling import warm_up as spelling_warm_up
from addin_server.engines.merge import merge_issues
from addin_server.messages.catalog import message, notice
from addin_server.records import CheckResult, IdeasResult, Issue, Notice, RewriteResult
from addin_server.rules import builtin_rules
from addin_server.rules.base import Document, Rule
from addin_server.rules.english.warm import warm_up as grammar_warm_up
from addin_server.rules.runner import find_issues
from addin_server.text.long_runs import mask_long_runs
from addin_server.text.markdown_mask import mask_markdown
from addin_server.text.offsets import replace_lone_surrogates
from addin_server.text.protected import ProtectedIndex, protected_spans

WARM_UP_TEXT = (files("addin_server.engines.local") / "data" / "warm_up.txt").read_text(
    encoding="utf-8"
)


def warm_forking_thread() -> None:
    """Build the calling thread's part of Harper: the thread that forks the workers calls
    this while the app builds, and each worker lints on its copy of it, warm at once."""
    warm_this_thread(WARM_UP_TEXT)


class LocalEngine:
    """Grammar and spelling from Harper and our rules, for the English variants."""

    name = "local"

    def __init__(
        self,
        default_language: str = languages.UNSTATED,
        rules: Sequence[Rule] | None = None,
        params: Mapping[str, Any] | None = None,
        *,
        chunk_threads: int = 2,
        context_spelling: bool = True,
        cache_mb: int = 0,
        results: Results | None = None,
    ) -> None:
        # Only to build the linter most requests will want first: a request's language
        # arrives with the server's default already applied (languages.requested).
        self.default_language = default_language
        self.chunk_threads = chunk_threads
        # False gives Harper's own order of spelling suggestions (the quality baseline).
        self.context_spelling = context_spelling
        self.rules: tuple[Rule, ...] = tuple(builtin_rules() if rules is None else rules)
        # Rule parameters from the settings, such as ``long_sentence_words``.
        self.params: Mapping[str, Any] = dict(params or {})
        self._descriptions = {rule.info.id: rule.info.description for rule in self.rules}
        self._pool = harper_backend.LinterPool()
        self.lint_threads = LintThreads(chunk_threads)
        # Our rules run beside Harper, which releases the GIL while it lints: on a second
        # core they add no wall time to a check (bench/bench_grammar.py measures it).
        self._beside_harper: ThreadPoolExecutor | None = None
        self._beside_harper_pid = 0
        self._beside_harper_lock = threading.Lock()
        # Per-paragraph results, so a re-check redoes only what changed: in ``results`` (the
        # server's store, shared by its workers), else ``cache_mb`` of this process's memory.
        if results is None and cache_mb > 0:
            results = MemoryResults(cache_mb * 1_000_000)
        self._cached = CachedFinder(self, results) if results is not None else None

    def warm_up(self, *, lint: bool = True) -> None:
        """Load everything a check loads on first use, so the first request does not wait.

        Loading the tables (spaCy, lemminflect, the word frequencies) and building a linter
        is not enough: Harper builds more on its first long unknown word (1.3 s for
        "PureWindowsPath", then milliseconds for any other), and lazy paths like it are
        found by measurement, not by reading. So the warm-up also checks a sample text with
        the kinds of fault a writer's text has (``data/warm_up.txt``).

        ``lint=False`` builds only what Harper shares across threads (its dictionary) and
        lints nothing (our rules still read the sample): a process that forks its workers
        next would gain nothing from lint threads, since none survives a fork.
        """
        language = languages.resolve(self.default_language) or languages.ENGLISH_VARIANTS[0]
        if not lint:
            harper_shared = harper_backend.load_in_background()
            try:
                grammar_warm_up()
                spelling_warm_up()
                document = Document(WARM_UP_TEXT, language.code, self.params)
                find_issues(self.rules, document, frozenset(), frozenset())
            finally:
                harper_shared.join()
            return
        # Harper builds its dictionary without the GIL, so it does so on the lint threads
        # while this one loads spaCy and the word tables.
        harper = threading.Thread(
            target=self.lint_threads.warm,
            args=(lambda: self._lint_sample(language.code),),
            name="warm-up harper",
        )
        harper.start()
        try:
            grammar_warm_up()
            spelling_warm_up()
        finally:
            harper.join()
        self._check(WARM_UP_TEXT, CheckOptions(language=language.code), cached=None)

    def warm_up_before_listening(self, *, will_fork: bool) -> None:
        """Warm up before the server listens; before a fork, without lint threads."""
        self.warm_up(lint=not will_fork)

    def before_fork(self) -> None:
        """Stop this process's threads: a process forked now copies them as dead threads
        whose work would never finish; the new process starts (and warms) its own."""
        self._stop_rule_threads()
        self.lint_threads.stop()

    def after_fork(self) -> MainThreadWork:
        """In a new worker, lint on its main thread: a copy of the thread that forked it,
        warm since :func:`warm_forking_thread` (the other lanes warm in the background)."""
        self.lint_threads.claim_a_lane()
        return self.lint_threads

    def _lint_sample(self, language: str) -> None:
        """Warm the calling lint thread: what Harper keeps per thread is built by a linter of
        its own (a pooled linter may have linted the sample already and answer from memory
        without building anything: found when a lane's first long unknown word took 1.5 s),
        then a pooled linter gets our configuration and words."""
        dialect = harper_backend.DIALECTS[language]
        warm_this_thread(WARM_UP_TEXT, dialect)
        harper_backend.rule_descriptions()
        with self._pool.borrow(dialect) as linter:
            harper_backend.lint(
                linter,
                WARM_UP_TEXT,
                Markup.PLAIN,
                harper_backend.default_config(),
                default_dictionary(),
            )

    def _rule_threads(self) -> ThreadPoolExecutor:
        """The threads our rules run on, started on first use in each process: a fork copies
        the pool but not its threads, and work sent to it would wait forever."""
        with self._beside_harper_lock:
            if self._beside_harper is None or self._beside_harper_pid != os.getpid():
                self._beside_harper = ThreadPoolExecutor(max_workers=2, thread_name_prefix="rules")
                self._beside_harper_pid = os.getpid()
            return self._beside_harper

    def _stop_rule_threads(self) -> None:
        with self._beside_harper_lock:
            if self._beside_harper is not None:
                self._beside_harper.shutdown()
                self._beside_harper = None

    def check(self, text: str, options: CheckOptions) -> CheckResult:
        """Check ``text``; a language other than English gets no issues and a warning."""
        return self._check(text, options, self._cached)

    def _check(self, text: str, options: CheckOptions, cached: CachedFinder | None) -> CheckResult:
        language = languages.resolve(options.language)
        if language is None:
            return CheckResult((), options.language, self.name, (_not_checked(options.language),))
        # Runs too long to be words are blanked before Harper, our rules or spaCy see them
        # (one can take the process down: text.long_runs); offsets stay those of the text.
        masked = mask_long_runs(replace_lone_surrogates(text))
        text = masked.text
        protected = ProtectedIndex(protected_spans(text))
        prose = mask_markdown(text) if options.markup is Markup.MARKDOWN else text
        dictionary = options.dictionary | default_dictionary()
        found = Found(text, prose, protected, language.code, options, dictionary)
        (harper_issues, our_issues, notes, unprocessed), use = (
            cached.find(found) if cached else (self.find(found), None)
        )
        if masked.spans:  # the blanks themselves may look like spacing faults
            blanked = ProtectedIndex(list(masked.spans))
            harper_issues, our_issues, notes = (
                [issue for issue in issues if not blanked.touches(issue.span)]
                for issues in (harper_issues, our_issues, notes)
            )
        dialect = harper_backend.DIALECTS[language.code]
        harper_issues = without_false_alarms(
            text,
            harper_issues,
            options.markup,
            protected,
            known=lambda word: word in dictionary or DIALECT_WORDS.accepts(dialect, word),
            terms=dictionary,
        )
        if self.context_spelling:  # suggestions in order of fit with the words around them
            harper_issues = rank_spelling(text, harper_issues, dialect, dictionary)
        harper_issues = as_shorthand_offers(
            text, as_name_notes(text, harper_issues, dictionary), protected
        )
        issues = merge_issues(
            _in_categories(harper_issues, options.categories), our_issues, notes=notes
        )
        issues = without_offensive_replacements(text, issues)
        notice = masked.notice()
        return CheckResult(
            issues,
            language.code,
            self.name,
            warnings=(notice,) if notice else (),
            unprocessed=unprocessed,
            cache=use,
        )

    def find(self, found: Found, rules: Sequence[Rule] | None = None) -> Finding:
        """Harper's issues, ours and our notes in ``found.text``, and what Harper could not
        check; ``rules`` are ours to run (default: the engine's and the request's)."""
        document = Document(
            found.prose, found.language, self.params, known_protected=found.protected
        )
        ours = self._rule_threads().submit(
            find_issues,
            (*self.rules, *found.options.rules) if rules is None else rules,
            document,
            found.options.disabled_rules,
            found.options.categories,
        )
        # After our rules are under way: the first configuration waits for Harper's dictionary
        # (without the GIL), and spaCy loads meanwhile on a first check.
        config = harper_backend.rule_config(
            found.options.enabled_rules, found.options.disabled_rules
        )
        harper_issues, unprocessed = lint_in_chunks(
            self._pool,
            harper_backend.DIALECTS[found.language],
            found.text,
            found.options.markup,
            config,
            found.dictionary,
            threads=self.chunk_threads,
            lint_threads=self.lint_threads,
        )
        our_issues, notes = ours.result()
        return list(harper_issues), our_issues, notes, unprocessed

    def rewrite(self, text: str, options: RewriteOptions) -> RewriteResult:
        """Rewrite with deterministic transforms: safe fixes, then the tone's (see
        :mod:`engines.local.rewrite`)."""
        return rewrite_locally(text, options, self.check, self.rules, self.params)

    def ideas(self, text: str, options: IdeaOptions) -> IdeasResult:
        """Idea prompts from the text's key phrases and templates (no model)."""
        language = languages.resolve(options.language)
        if language is None:
            return IdeasResult((), self.name, warnings=(_not_checked(options.language),))
        masked = mask_long_runs(replace_lone_surrogates(text))
        # Words the check finds fault with are never echoed (engines.idea_phrases).
        checked = self.check(masked.text, CheckOptions(language=language.code))
        flagged = flagged_spans(checked.issues)
        result = suggest_ideas(masked.text, options, self.name, flagged)
        notice = masked.notice()
        return replace(result, warnings=(*result.warnings, notice)) if notice else result

    def describe_rule(self, rule_id: str) -> str:
        """One-line description of a rule, for LanguageTool's ``rule.description``."""
        if rule_id in self._descriptions:
            return self._descriptions[rule_id]
        return harper_backend.rule_descriptions().get(
            rule_id.removeprefix(harper_backend.RULE_PREFIX), ""
        )


def _in_categories(issues: Iterable[Issue], categories: frozenset[str]) -> list[Issue]:
    return [i for i in issues if not categories or i.category.value in categories]


def _not_checked(language: str) -> Notice:
    return notice("language-not-checked", message("notice.language-not-checked", language=language))
