"""The server's settings: every ``ADDIN_*`` variable, read and checked once at start-up, and
held in sections.

:meth:`Settings.load` reads the environment (then the overrides a test or a CLI flag gives,
keyed by setting name) into one object; ``create_app`` and the CLI hold it, and every other
module is given the one section it uses: the model engine ``settings.model``, the rate
limiter ``settings.limits``, the access control ``settings.access``. The rules between two
settings of different sections are checked here; a rule inside one section is checked by
that section.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from addin_server.config.access import AccessSettings
from addin_server.config.chunking import ChunkingSettings
from addin_server.config.fields import ConfigError, Variable, read, variables
from addin_server.config.limits import LimitSettings
from addin_server.config.live import LiveSettings
from addin_server.config.local import LocalSettings
from addin_server.config.model import ModelSettings
from addin_server.config.pane import PaneSettings
from addin_server.config.request import RequestSettings
from addin_server.config.serve import ServeSettings
from addin_server.config.state import StateSettings
from addin_server.config.tls import TlsSettings


@dataclass(frozen=True)
class Settings:
    """The server's configuration, one section per concern; build it with :meth:`load`."""

    serve: ServeSettings = field(default_factory=ServeSettings)
    request: RequestSettings = field(default_factory=RequestSettings)
    limits: LimitSettings = field(default_factory=LimitSettings)
    access: AccessSettings = field(default_factory=AccessSettings)
    tls: TlsSettings = field(default_factory=TlsSettings)
    state: StateSettings = field(default_factory=StateSettings)
    local: LocalSettings = field(default_factory=LocalSettings)
    chunking: ChunkingSettings = field(default_factory=ChunkingSettings)
    model: ModelSettings = field(default_factory=ModelSettings)
    live: LiveSettings = field(default_factory=LiveSettings)
    pane: PaneSettings = field(default_factory=PaneSettings)

    def __post_init__(self) -> None:
        deadline, timeout = self.request.request_deadline, self.serve.request_timeout
        if deadline >= timeout:
            raise ConfigError(
                f"ADDIN_REQUEST_DEADLINE ({deadline:g} s) must be below "
                f"ADDIN_REQUEST_TIMEOUT ({timeout:g} s), so a request answers "
                "with what it has done before its worker is restarted."
            )

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> Settings:
        """Read settings from ``environ`` (the process environment by default), then apply
        ``overrides`` keyed by setting name; raise :class:`ConfigError` naming a bad variable."""
        environ = os.environ if environ is None else environ
        overrides = overrides or {}
        _refuse_unknown(overrides)
        return cls(**{name: read(section, environ, overrides) for name, section in sections()})

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (setting name: value, as text or as the value) applied,
        each checked as its variable is; used for overrides and the CLI's flags."""
        _refuse_unknown(changes)
        replaced = {}
        for name, section in sections():
            mine = {
                var.name: var.value_of(changes[var.name])
                for var in variables(section)
                if var.name in changes
            }
            if mine:
                replaced[name] = dataclasses.replace(getattr(self, name), **mine)
        return dataclasses.replace(self, **replaced)


def sections() -> tuple[tuple[str, type[Any]], ...]:
    """Each section of :class:`Settings` as ``(attribute, class)``, in declaration order."""
    return tuple(
        (spec.name, spec.default_factory)  # type: ignore[misc]
        for spec in dataclasses.fields(Settings)
    )


def all_variables() -> tuple[Variable, ...]:
    """Every setting of every section, in declaration order."""
    return tuple(variable for _, section in sections() for variable in variables(section))


def documented_variables() -> list[tuple[str, str, str]]:
    """Return ``(variable, default, description)`` for every setting, in declaration order."""
    return [(var.env, var.default_text, var.doc) for var in all_variables()]


def _refuse_unknown(changes: Mapping[str, Any]) -> None:
    unknown = set(changes) - {variable.name for variable in all_variables()}
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
