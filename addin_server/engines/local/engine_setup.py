"""Build the local engine from the settings: our rules, the organisation's style guide and
the rule parameters. An invalid style guide stops start-up with a :class:`ConfigError`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from addin_server.config import ConfigError, LocalSettings
from addin_server.rules import builtin_rules
from addin_server.rules.base import Rule
from addin_server.rules.style.long_sentence import PARAM as LONG_SENTENCE_WORDS

if TYPE_CHECKING:
    from addin_server.engines.local.engine import LocalEngine
    from addin_server.engines.local.result_cache import Results


def load_style_guide(settings: LocalSettings) -> tuple[Rule, ...]:
    """The rules of ``ADDIN_STYLE_GUIDE`` (none when unset); raise :class:`ConfigError`
    naming the variable, the line and the reason when the file is invalid."""
    if not settings.style_guide:
        return ()
    # Imported here: the guide's schema and YAML (40 ms) only when there is a guide to read.
    from addin_server.rules.guide import GuideError, load_guide_file

    try:
        return load_guide_file(Path(settings.style_guide))
    except GuideError as error:
        raise ConfigError(f"ADDIN_STYLE_GUIDE={settings.style_guide}: {error}") from None


def build_local_engine(
    settings: LocalSettings, language: str, results: Results | None = None
) -> LocalEngine:
    """The local engine with every rule and parameter the settings give it, checking in
    ``language`` when a request names none; its paragraph cache in ``results`` (the
    server's store), else in memory (``ADDIN_CACHE_MB``)."""
    # Imported here so that validating settings (the CLI does it first) does not load Harper.
    from addin_server.engines.local.engine import LocalEngine

    rules = (*builtin_rules(), *load_style_guide(settings))
    params = {LONG_SENTENCE_WORDS: settings.long_sentence_words}
    return LocalEngine(
        language,
        rules,
        params,
        chunk_threads=settings.local_chunk_threads,
        cache_mb=settings.cache_mb,
        results=results,
    )
