"""Settings read from ``ADDIN_*`` environment variables, validated once at start-up.

Every user-visible knob is a field of :class:`Settings`; its metadata names the variable,
documents it and says how to parse it. The README's table of variables is checked against
these fields by the test suite, so the two cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

ENV_PREFIX = "ADDIN_"


class ConfigError(ValueError):
    """A setting has a value the server cannot start with; the message names the variable."""


def _whole_number(raw: str) -> int:
    try:
        return int(raw.strip().replace("_", ""))
    except ValueError:
        raise ValueError("must be a whole number") from None


def _positive_int(raw: str) -> int:
    value = _whole_number(raw)
    if value <= 0:
        raise ValueError("must be a positive whole number")
    return value


def _port(raw: str) -> int:
    value = _whole_number(raw)
    if not 0 < value < 65536:
        raise ValueError("must be a TCP port between 1 and 65535")
    return value


_SIZE_UNITS = {"": 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2}


def _byte_size(raw: str) -> int:
    match = re.fullmatch(r"\s*(\d[\d_]*)\s*([a-zA-Z]*)\s*", raw)
    if not match or match.group(2).lower() not in _SIZE_UNITS:
        raise ValueError("must be a size in bytes, such as 8388608 or 8MiB")
    value = int(match.group(1).replace("_", "")) * _SIZE_UNITS[match.group(2).lower()]
    if value <= 0:
        raise ValueError("must be more than zero bytes")
    return value


def _seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("must be a number of seconds") from None
    if not 0 < value <= 3600:
        raise ValueError("must be a number of seconds between 0 and 3600")
    return value


def _log_level(raw: str) -> str:
    value = raw.strip().upper()
    if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
    return value


def _language(raw: str) -> str:
    value = raw.strip()
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValueError("must be a language tag such as en-US")
    return value


def _origins(raw: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def _text(raw: str) -> str:
    return raw.strip()


def _encoding_name(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("o200k_base", "cl100k_base"):
        raise ValueError("must be o200k_base or cl100k_base")
    return value


def _token_count(raw: str) -> int:
    value = _whole_number(raw)
    if not 256 <= value <= 10_000_000:
        raise ValueError("must be a number of tokens between 256 and 10000000")
    return value


def setting(
    env: str, default: Any, parse: Callable[[str], Any], doc: str, *, secret: bool = False
) -> Any:
    """Declare a settings field bound to the environment variable ``ADDIN_<env>``."""
    metadata = {"env": ENV_PREFIX + env, "parse": parse, "doc": doc, "secret": secret}
    return field(default=default, metadata=metadata)


@dataclass(frozen=True)
class Settings:
    """The server's configuration; build it with :meth:`Settings.load`."""

    host: str = setting("HOST", "127.0.0.1", _text, "Interface `addin-server serve` binds to.")
    port: int = setting("PORT", 8765, _port, "TCP port `addin-server serve` listens on.")
    workers: int = setting("WORKERS", 2, _positive_int, "Gunicorn worker processes.")
    threads: int = setting(
        "THREADS", 8, _positive_int, "Threads per worker (requests served at once by each)."
    )
    request_timeout: float = setting(
        "REQUEST_TIMEOUT", 120.0, _seconds, "Seconds before a stuck worker is restarted."
    )
    max_body_bytes: int = setting(
        "MAX_BODY_BYTES", 8 * 1024**2, _byte_size, "Largest request body accepted (413 above)."
    )
    max_text_chars: int = setting(
        "MAX_TEXT_CHARS",
        1_000_000,
        _positive_int,
        "Longest text accepted, in characters (413 above); about a 160,000-word book.",
    )
    default_language: str = setting(
        "DEFAULT_LANGUAGE", "en-US", _language, "Language used when a request names none."
    )
    cors_origins: tuple[str, ...] = setting(
        "CORS_ORIGINS",
        ("*",),
        _origins,
        "Comma-separated origins allowed to call the API from a browser (`*` for any).",
    )
    log_level: str = setting("LOG_LEVEL", "INFO", _log_level, "Log level of the server.")

    # --- chunking and tokens ---
    encoding: str = setting(
        "ENCODING",
        "o200k_base",
        _encoding_name,
        "Token encoding for models the server does not know (o200k_base or cl100k_base).",
    )
    context_tokens: int = setting(
        "CONTEXT_TOKENS",
        8192,
        _token_count,
        "Context window assumed for models the server does not know (local models).",
    )
    max_chunk_tokens: int = setting(
        "MAX_CHUNK_TOKENS",
        2000,
        _token_count,
        "Largest chunk of a long text sent to a model in one call, in tokens.",
    )
    local_chunk_threads: int = setting(
        "LOCAL_CHUNK_THREADS",
        2,
        _positive_int,
        "Threads that check the chunks of one long text at once (local engine).",
    )

    @classmethod
    def load(
        cls,
        environ: Mapping[str, str] | None = None,
        overrides: Mapping[str, Any] | None = None,
    ) -> Settings:
        """Read settings from ``environ`` (the process environment by default), then apply
        ``overrides`` keyed by field name; raise :class:`ConfigError` naming a bad variable."""
        environ = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for spec in dataclasses.fields(cls):
            env = spec.metadata["env"]
            if env in environ and environ[env].strip() != "":
                values[spec.name] = _parse(spec, environ[env])
        unknown = set(overrides or {}) - {spec.name for spec in dataclasses.fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        for spec in dataclasses.fields(cls):
            if overrides and spec.name in overrides:
                value = overrides[spec.name]
                values[spec.name] = _parse(spec, value) if isinstance(value, str) else value
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with ``changes`` applied (used by the CLI's flags)."""
        return dataclasses.replace(self, **changes)


def _parse(spec: dataclasses.Field[Any], raw: str) -> Any:
    try:
        return spec.metadata["parse"](raw)
    except ValueError as error:
        shown = "<hidden>" if spec.metadata["secret"] else repr(raw)
        raise ConfigError(f"{spec.metadata['env']}={shown}: {error}") from None


def documented_variables() -> list[tuple[str, str, str]]:
    """Return ``(variable, default, description)`` for every setting, in declaration order."""
    rows = []
    for spec in dataclasses.fields(Settings):
        default = spec.default
        if isinstance(default, tuple):
            default = ",".join(default)
        rows.append((spec.metadata["env"], str(default), spec.metadata["doc"]))
    return rows
