"""What the app factory builds once and every view uses: settings and engines."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TypeVar

from flask import current_app

from addin_server.config import Settings
from addin_server.engines.base import Engine, ForkHooks, MainThreadWork
from addin_server.engines.llm.planning import plan_text
from addin_server.messages.catalog import message, notice
from addin_server.observability.feedback import FeedbackStore
from addin_server.records import CheckResult, IdeasResult, Notice, RewriteResult
from addin_server.text.budget import OperationKind, TokenPlan, window_for

EXTENSION_KEY = "penwise"
log = logging.getLogger(__name__)
ResultT = TypeVar("ResultT", CheckResult, RewriteResult, IdeasResult)


@dataclass
class Services:
    """The configured settings and engines of one app, and whether each is built yet."""

    settings: Settings
    engines: dict[str, Engine]
    # What writers did with suggestions (POST /v1/feedback), shared by the workers.
    feedback: FeedbackStore
    default_engine: str = "local"
    # Dependencies reported by /readyz that never make the server unready (the model).
    probes: dict[str, Callable[[], str]] = field(default_factory=dict)
    # What each serving process starts when it warms up (the Redis watcher).
    background: list[Callable[[], object]] = field(default_factory=list)
    _status: dict[str, str] = field(default_factory=dict)

    @property
    def model(self) -> str | None:
        """The configured model's name (``ADDIN_LLM_MODEL``), if any."""
        return self.settings.model.llm_model or None

    def engine(self, name: str | None = None) -> Engine:
        """Return the named engine, or the default one."""
        return self.engines[name or self.default_engine]

    def pick(self, requested: str) -> tuple[Engine, tuple[Notice, ...]]:
        """The engine for a request's ``engine`` field (``auto``, ``local``, ``llm``).

        Asking for an engine this server does not run answers with the default one and a
        warning, so the writer still gets help.
        """
        if requested == "auto":
            return self.engine(), ()
        if requested in self.engines:
            return self.engines[requested], ()
        said = message(f"notice.not-configured.{requested}", engine=self.default_engine)
        return self.engine(), (notice(f"{requested}-not-configured", said),)

    def plan_tokens(self, text: str, kind: OperationKind, model: str | None = None) -> TokenPlan:
        """How ``text`` is counted and cut for ``kind`` by ``model`` (default: the configured
        one), with the model engine's own prompts, so what is announced is what happens."""
        chunking = self.settings.chunking
        window = window_for(
            model or self.model,
            chunking.encoding,
            chunking.context_tokens,
            chunking.max_chunk_tokens,
        )
        return plan_text(text, kind, window)

    def engine_status(self, name: str) -> str:
        """``starting``, ``ready`` or ``failed`` for the named engine."""
        return self._status.get(name, "starting")

    def readiness(self) -> tuple[bool, dict[str, str]]:
        """Whether every engine is built, and each engine's or probe's state."""
        checks = {
            name: self.engine_status(name) for name in self.engines if name not in self.probes
        }
        ready = all(status == "ready" for status in checks.values())
        checks.update({name: probe() for name, probe in self.probes.items()})
        return ready, checks

    def _forking(self) -> list[ForkHooks]:
        return [engine for engine in self.engines.values() if isinstance(engine, ForkHooks)]

    def warm_up_before_listening(self, *, will_fork: bool = False) -> None:
        """Build what the engines can build before the server listens (see ForkHooks)."""
        for engine in self._forking():
            engine.warm_up_before_listening(will_fork=will_fork)

    def before_fork(self) -> None:
        """Stop the engines' threads before this process forks its workers."""
        for engine in self._forking():
            engine.before_fork()

    def after_fork(self) -> MainThreadWork | None:
        """Start the engines again in a new worker; the work its main thread must do, if
        any (one engine at most asks for it)."""
        works = [work for engine in self._forking() if (work := engine.after_fork())]
        if len(works) > 1:
            raise RuntimeError("more than one engine asks for the main thread")
        return works[0] if works else None

    def warm_up(self, background: bool = True, then: Callable[[], object] | None = None) -> None:
        """Start this process's background work, then build every engine's expensive parts,
        in a background thread by default; call ``then`` once all are built (or failed)."""
        for start in self.background:
            start()

        def run() -> None:
            for name, engine in self.engines.items():
                try:
                    engine.warm_up()
                    self._status[name] = "ready"
                except Exception as error:  # reported by /readyz, never fatal
                    log.error("engine %s failed to warm up: %s", name, type(error).__name__)
                    self._status[name] = "failed"
            if then is not None:
                then()

        if background:
            threading.Thread(target=run, name="warm-up", daemon=True).start()
        else:
            run()


def with_notices(result: ResultT, notices: tuple[Notice, ...]) -> ResultT:
    """Add ``notices`` to a result; a result that needed them is marked degraded."""
    if not notices:
        return result
    return replace(result, warnings=notices + result.warnings, degraded=True)


def services() -> Services:
    """The services of the app handling the current request."""
    return current_app.extensions[EXTENSION_KEY]
