"""The local engine: checks English offline with Harper; no key, no network."""

from __future__ import annotations

from addin_server import languages
from addin_server.engines import harper as harper_backend
from addin_server.engines.base import CheckOptions
from addin_server.records import CheckResult, Notice
from addin_server.text.offsets import replace_lone_surrogates


class LocalEngine:
    """Grammar and spelling from Harper, for the English variants in ``languages``."""

    name = "local"

    def __init__(self, default_language: str = "en-US") -> None:
        self.default_language = default_language
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
            notice = Notice(
                "language-not-checked",
                f"The local engine checks English only; text in “{options.language}” "
                "was not checked.",
            )
            return CheckResult((), options.language, self.name, (notice,))
        config = harper_backend.rule_config(options.enabled_rules, options.disabled_rules)
        with self._pool.borrow(harper_backend.DIALECTS[language.code]) as linter:
            issues = harper_backend.lint(
                linter,
                replace_lone_surrogates(text),
                options.markup,
                config,
                options.dictionary,
            )
        return CheckResult(tuple(issues), language.code, self.name)

    def describe_rule(self, rule_id: str) -> str:
        """One-line description of a rule, for LanguageTool's ``rule.description``."""
        return harper_backend.rule_descriptions().get(
            rule_id.removeprefix(harper_backend.RULE_PREFIX), ""
        )
