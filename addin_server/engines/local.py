"""The local engine: Harper plus our own rules, offline; no key, no network."""

from __future__ import annotations

from collections.abc import Sequence

from addin_server import languages
from addin_server.engines import harper as harper_backend
from addin_server.engines.base import CheckOptions, EngineUnsupported, IdeaOptions, RewriteOptions
from addin_server.engines.harper_chunks import lint_in_chunks
from addin_server.engines.merge import merge_issues
from addin_server.records import (
    Category,
    CheckResult,
    Edit,
    IdeasResult,
    Issue,
    Notice,
    RewriteResult,
)
from addin_server.rules import builtin_rules
from addin_server.rules.base import Document, Rule
from addin_server.text.diff import apply_edits, word_edits
from addin_server.text.offsets import replace_lone_surrogates


class LocalEngine:
    """Grammar and spelling from Harper and our rules, for the English variants."""

    name = "local"

    def __init__(
        self,
        default_language: str = "en-US",
        rules: Sequence[Rule] | None = None,
        *,
        chunk_threads: int = 2,
    ) -> None:
        self.default_language = default_language
        self.chunk_threads = chunk_threads
        self.rules: tuple[Rule, ...] = tuple(builtin_rules() if rules is None else rules)
        self._descriptions = {rule.info.id: rule.info.description for rule in self.rules}
        self._pool = harper_backend.LinterPool()

    def warm_up(self) -> None:
        """Build the first linter (about a second) so the first request does not wait."""
        language = languages.resolve(self.default_language) or languages.ENGLISH_VARIANTS[0]
        with self._pool.borrow(harper_backend.DIALECTS[language.code]):
            pass
        harper_backend.rule_descriptions()

    def check(self, text: str, options: CheckOptions) -> CheckResult:
        """Check ``text``; a language other than English gets no issues and a warning."""
        language = languages.resolve(options.language, self.default_language)
        if language is None:
            return CheckResult((), options.language, self.name, (_not_checked(options.language),))
        text = replace_lone_surrogates(text)
        config = harper_backend.rule_config(options.enabled_rules, options.disabled_rules)
        harper_issues, unprocessed = lint_in_chunks(
            self._pool,
            harper_backend.DIALECTS[language.code],
            text,
            options.markup,
            config,
            options.dictionary,
            threads=self.chunk_threads,
        )
        document = Document(text, language.code)
        our_issues = [
            issue
            for rule in self.rules
            if rule.info.id not in options.disabled_rules
            for issue in rule.find(document)
        ]
        issues = merge_issues(harper_issues, our_issues)
        if options.categories:
            issues = tuple(i for i in issues if i.category.value in options.categories)
        return CheckResult(issues, language.code, self.name, unprocessed=unprocessed)

    def rewrite(self, text: str, options: RewriteOptions) -> RewriteResult:
        """Apply every correctness fix that has exactly one suggestion."""
        checked = self.check(text, CheckOptions(language=options.language))
        if checked.warnings:
            return RewriteResult(text, (), self.name, warnings=checked.warnings)
        fixes = [
            Edit(issue.span, issue.replacements[0])
            for issue in checked.issues
            if _is_safe_fix(issue)
        ]
        rewritten = apply_edits(text, fixes)
        warnings: tuple[Notice, ...] = ()
        if options.tone:
            warnings = (
                Notice(
                    "tone-not-available-locally",
                    f"The local engine cannot rewrite in a “{options.tone}” tone yet; "
                    "only grammar fixes were applied.",
                ),
            )
        return RewriteResult(rewritten, word_edits(text, rewritten), self.name, warnings=warnings)

    def ideas(self, text: str, options: IdeaOptions) -> IdeasResult:
        """The local engine does not suggest ideas yet."""
        raise EngineUnsupported("The local engine cannot suggest ideas yet; configure a model.")

    def describe_rule(self, rule_id: str) -> str:
        """One-line description of a rule, for LanguageTool's ``rule.description``."""
        if rule_id in self._descriptions:
            return self._descriptions[rule_id]
        return harper_backend.rule_descriptions().get(
            rule_id.removeprefix(harper_backend.RULE_PREFIX), ""
        )


def _is_safe_fix(issue: Issue) -> bool:
    return issue.category is Category.CORRECTNESS and len(issue.replacements) == 1


def _not_checked(language: str) -> Notice:
    return Notice(
        "language-not-checked",
        f"The local engine checks English only; text in “{language}” was not checked.",
    )
