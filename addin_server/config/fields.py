"""How a setting is declared and read: one dataclass field per ``ADDIN_*`` variable.

A section (:mod:`.serve`, :mod:`.model`, ...) is a frozen dataclass whose fields are declared
with :func:`setting`. A field's name is its variable's, lowercased and without ``ADDIN_``
(``llm_timeout`` is read from ``ADDIN_LLM_TIMEOUT``), and is also the key of an override
(``create_app({"llm_timeout": 5})``). :func:`read` builds a section from the environment and
the overrides, checking every value as its variable's text; a bad one raises
:class:`ConfigError` naming the variable (and never showing a secret).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from addin_server.config.values import ACCEPTS, Accepts

ENV_PREFIX = "ADDIN_"


class ConfigError(ValueError):
    """A setting has a value the server cannot start with; the message names the variable."""


def setting(
    default: Any,
    parse: Callable[[str], Any],
    doc: str,
    *,
    secret: bool = False,
    fallback_env: str | None = None,
) -> Any:
    """Declare a section's field, read from ``ADDIN_<FIELD NAME>`` with ``parse``.

    ``doc`` is its line in the configuration reference: what it does (what it accepts comes
    from ``parse``; the fallback and the secrecy are said there too). ``fallback_env`` names a
    variable read when ``ADDIN_…`` is unset (OPENAI_API_KEY); a ``secret`` is kept out of
    ``repr``, out of error messages and out of the reference.
    """
    metadata = {"parse": parse, "doc": doc, "secret": secret, "fallback_env": fallback_env}
    return dataclasses.field(default=default, metadata=metadata, repr=not secret)


@dataclass(frozen=True)
class Variable:
    """One setting as a deployment sees it: its variable, default and parser."""

    name: str
    default: Any
    parse: Callable[[str], Any]
    doc: str
    secret: bool
    fallback_env: str | None

    @property
    def env(self) -> str:
        """The environment variable, ``ADDIN_<NAME>``."""
        return ENV_PREFIX + self.name.upper()

    @property
    def default_text(self) -> str:
        """The default as the variable would spell it."""
        return as_text(self.default)

    @property
    def accepts(self) -> Accepts:
        """What its parser takes."""
        return ACCEPTS[self.parse]

    def text_in(self, environ: Mapping[str, str]) -> str | None:
        """Its text in ``environ`` (the fallback's when it is unset); ``None``: unset (empty
        counts as unset)."""
        if environ.get(self.env, "").strip():
            return environ[self.env]
        if self.fallback_env and environ.get(self.fallback_env, "").strip():
            return environ[self.fallback_env]
        return None

    def value_of(self, given: Any) -> Any:
        """``given`` parsed as the variable's text: an override such as ``{"port": -1}`` is
        checked exactly as ``ADDIN_PORT=-1`` is."""
        raw = given if isinstance(given, str) else as_text(given)
        try:
            return self.parse(raw)
        except ValueError as error:
            shown = "<hidden>" if self.secret else repr(raw)
            raise ConfigError(f"{self.env}={shown}: {error}") from None


def variables(section: type[Any]) -> tuple[Variable, ...]:
    """The settings of ``section``, in declaration order."""
    return tuple(
        Variable(
            spec.name,
            spec.default,
            spec.metadata["parse"],
            spec.metadata["doc"],
            spec.metadata["secret"],
            spec.metadata["fallback_env"],
        )
        for spec in dataclasses.fields(section)
    )


Section = TypeVar("Section")


def read(
    section: type[Section], environ: Mapping[str, str], overrides: Mapping[str, Any]
) -> Section:
    """``section`` from ``environ``, with ``overrides`` (by setting name) winning over it."""
    found: dict[str, Any] = {}
    for variable in variables(section):
        if variable.name in overrides:
            found[variable.name] = variable.value_of(overrides[variable.name])
        elif (raw := variable.text_in(environ)) is not None:
            found[variable.name] = variable.value_of(raw)
    return section(**found)


def as_text(value: Any) -> str:
    """A value as its variable spells it: ``("a", "b")`` is ``a,b``, ``True`` is ``1``."""
    if isinstance(value, tuple | list):
        return ",".join(str(part) for part in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)
