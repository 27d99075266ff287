"""The task pane's one click: a check and a rewrite preview, in one call where the engine can."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from addin_server.engines.base import CheckOptions, Engine, RewriteOptions
from addin_server.records import CheckResult, RewriteResult


@runtime_checkable
class Improver(Protocol):
    """An engine that checks and rewrites in one pass (the model engine: one call a chunk)."""

    def improve(
        self, text: str, check_options: CheckOptions, rewrite_options: RewriteOptions
    ) -> tuple[CheckResult, RewriteResult]:
        """Return the issues and the rewrite of ``text``."""
        ...


def improve(
    engine: Engine, text: str, check_options: CheckOptions, rewrite_options: RewriteOptions
) -> tuple[CheckResult, RewriteResult]:
    """Check ``text`` and rewrite it with ``engine``, in one pass when it offers one."""
    if isinstance(engine, Improver):
        return engine.improve(text, check_options, rewrite_options)
    return engine.check(text, check_options), engine.rewrite(text, rewrite_options)
