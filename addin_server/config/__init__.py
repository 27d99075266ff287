"""Settings read from ``ADDIN_*`` environment variables, validated once at start-up, held in
sections: one module per section, each a frozen dataclass whose fields are the variables.

- :mod:`.fields`: how a setting is declared (:func:`setting`) and read; :class:`ConfigError`.
- :mod:`.values`: one parser per kind of value, and what each accepts.
- :mod:`.settings`: :class:`Settings`, built from the environment, holding the sections.
- :mod:`.serve`, :mod:`.request`, :mod:`.limits`, :mod:`.access`, :mod:`.tls`,
  :mod:`.state`, :mod:`.local`, :mod:`.chunking`, :mod:`.model`, :mod:`.live`,
  :mod:`.pane`: the sections.
- :mod:`.reference`: docs/configuration.md, written from all of the above (``make docs``).

A new setting is a field of the section it belongs to, declared with :func:`setting`: its
name is the variable's without ``ADDIN_`` (``foo_bar`` is ``ADDIN_FOO_BAR``), its parser one
of :mod:`.values` (a new kind of value: a parser there that says what it :func:`accepts`),
its ``doc`` one line for the reference. Hand the section to the module that uses it, then
run ``make docs``.
"""

from __future__ import annotations

from addin_server.config.access import AccessSettings
from addin_server.config.chunking import ChunkingSettings
from addin_server.config.fields import ENV_PREFIX, ConfigError, Variable, as_text, variables
from addin_server.config.limits import LimitSettings
from addin_server.config.live import LiveSettings
from addin_server.config.local import LocalSettings
from addin_server.config.model import ModelSettings
from addin_server.config.pane import PaneSettings
from addin_server.config.request import RequestSettings
from addin_server.config.serve import ServeSettings
from addin_server.config.settings import (
    Settings,
    all_variables,
    documented_variables,
    sections,
)
from addin_server.config.state import StateSettings
from addin_server.config.tls import TlsSettings

__all__ = [
    "ENV_PREFIX",
    "AccessSettings",
    "ChunkingSettings",
    "ConfigError",
    "LimitSettings",
    "LiveSettings",
    "LocalSettings",
    "ModelSettings",
    "PaneSettings",
    "RequestSettings",
    "ServeSettings",
    "Settings",
    "StateSettings",
    "TlsSettings",
    "Variable",
    "all_variables",
    "as_text",
    "documented_variables",
    "sections",
    "variables",
]
