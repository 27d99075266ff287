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
from pathlib import Path
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


def _server(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("waitress", "gunicorn"):
        raise ValueError("must be waitress or gunicorn")
    return value


def _connection_limit(raw: str) -> int:
    value = _whole_number(raw)
    if not 10 <= value <= 10_000:
        raise ValueError("must be a number of connections between 10 and 10000")
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


_ORIGIN = re.compile(r"(https?)://(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?")


def _origins(raw: str) -> tuple[str, ...]:
    parts = [part.strip().lower().rstrip("/") for part in raw.split(",") if part.strip()]
    if parts == ["none"]:  # same-origin only: the server's own pages need no CORS
        return ()
    for part in parts:
        if part in ("*", "null"):
            raise ValueError(
                f"'{part}' would let any web page read the writer's text through the "
                "writer's browser; list origins such as https://*.googleusercontent.com"
            )
        if not _ORIGIN.fullmatch(part):
            raise ValueError(
                f"{part!r} is not an origin: write scheme://host[:port] or "
                "https://*.example.com, without a path"
            )
    return tuple(parts)


def _api_keys(raw: str) -> tuple[str, ...]:
    keys = tuple(part.strip() for part in raw.split(",") if part.strip())
    if any(len(key) < 16 for key in keys):
        raise ValueError(
            "every key needs at least 16 characters; make one with "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return keys


def read_key_hashes(path: str) -> tuple[str, ...]:
    """Read the SHA-256 hex hashes of an API-key file: one per line, optionally followed by a
    label (``sha256sum`` prints ``HASH  -``), ``#`` comments and blank lines ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read the file ({error.__class__.__name__})") from None
    hashes = []
    for number, line in enumerate(lines, start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        # Never quote the line: someone may have pasted a key instead of its hash.
        if not re.fullmatch(r"[0-9a-fA-F]{64}", words[0]):
            raise ValueError(
                f"line {number} is not a SHA-256 hash (64 hex digits); "
                'make one with: printf %s "$KEY" | sha256sum'
            )
        hashes.append(words[0].lower())
    if not hashes:
        raise ValueError("holds no key hashes; the server would be open to anyone")
    return tuple(hashes)


def _key_file(raw: str) -> str:
    path = raw.strip()
    if path:
        read_key_hashes(path)  # a bad file stops start-up here, naming the variable
    return path


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


def _flag(raw: str) -> bool:
    value = raw.strip().lower()
    if value not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
        raise ValueError("must be 1 or 0 (or true/false, yes/no, on/off)")
    return value in ("1", "true", "yes", "on")


def _retries(raw: str) -> int:
    value = _whole_number(raw)
    if not 0 <= value <= 10:
        raise ValueError("must be a whole number between 0 and 10")
    return value


def _url(raw: str) -> str:
    value = raw.strip()
    if value and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        raise ValueError("must be an http:// or https:// URL such as http://127.0.0.1:8080/v1")
    return value


def _public_url(raw: str) -> str:
    value = _url(raw).rstrip("/")
    if re.search(r"[?#]", value):
        raise ValueError("must be the server's base URL, such as https://writer.example.org")
    return value


def _redis_url(raw: str) -> str:
    value = raw.strip()
    if value and not re.fullmatch(r"(rediss?|unix)://\S+", value):
        raise ValueError("must be a Redis URL such as redis://127.0.0.1:6379/0")
    return value


def _rate_limit(raw: str) -> str:
    value = raw.strip()
    if value:
        from limits import parse_many  # flask-limiter's own parser: what it accepts, we accept

        try:
            parse_many(value)
        except ValueError:
            raise ValueError(
                "must be a rate such as 120/minute or 10/second;1000/hour (empty: no limit)"
            ) from None
    return value


def _whole_or_zero(raw: str) -> int:
    value = _whole_number(raw)
    if value < 0:
        raise ValueError("must be 0 (no limit) or a positive whole number")
    return value


def _in_flight(raw: str) -> int | str:
    value = raw.strip().lower()
    return "auto" if value == "auto" else _whole_or_zero(value)


def _existing_file(raw: str) -> str:
    path = raw.strip()
    if path and not Path(path).is_file():
        raise ValueError("no such file")
    return path


def _response_format(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("auto", "json_schema", "json_object", "none"):
        raise ValueError("must be auto, json_schema, json_object or none")
    return value


def setting(
    env: str,
    default: Any,
    parse: Callable[[str], Any],
    doc: str,
    *,
    secret: bool = False,
    fallback_env: str | None = None,
) -> Any:
    """Declare a settings field bound to the environment variable ``ADDIN_<env>``.

    ``fallback_env`` names a variable read when ``ADDIN_<env>`` is unset (OPENAI_API_KEY);
    a ``secret`` is kept out of the settings' repr and out of error messages.
    """
    metadata = {
        "env": ENV_PREFIX + env,
        "parse": parse,
        "doc": doc,
        "secret": secret,
        "fallback_env": fallback_env,
    }
    return field(default=default, metadata=metadata, repr=not secret)


@dataclass(frozen=True)
class Settings:
    """The server's configuration; build it with :meth:`Settings.load`."""

    host: str = setting("HOST", "127.0.0.1", _text, "Interface `addin-server serve` binds to.")
    port: int = setting("PORT", 8765, _port, "TCP port `addin-server serve` listens on.")
    server: str = setting(
        "SERVER",
        "waitress",
        _server,
        "What `addin-server serve` runs: `waitress` (reads whole requests before a thread "
        "takes them; Windows too) or `gunicorn` (worker processes; Linux and macOS). "
        "`--https` always runs gunicorn.",
    )
    workers: int = setting(
        "WORKERS",
        2,
        _positive_int,
        "Worker processes of `addin-server serve`, waitress or gunicorn (one on Windows, "
        "where waitress cannot fork).",
    )
    threads: int = setting(
        "THREADS", 8, _positive_int, "Threads per worker (requests served at once by each)."
    )
    request_timeout: float = setting(
        "REQUEST_TIMEOUT",
        120.0,
        _seconds,
        "Seconds before a stuck gunicorn worker is restarted.",
    )
    request_deadline: float = setting(
        "REQUEST_DEADLINE",
        60.0,
        _seconds,
        "Seconds of work one request may start: parts not started by then are not checked, "
        "and the answer says which (`incomplete`, `unprocessed`). Below ADDIN_REQUEST_TIMEOUT.",
    )
    client_timeout: float = setting(
        "CLIENT_TIMEOUT",
        30.0,
        _seconds,
        "Seconds a connection may send and receive nothing before waitress closes it.",
    )
    max_connections: int = setting(
        "MAX_CONNECTIONS",
        500,
        _connection_limit,
        "Connections each waitress process holds open at once (slow ones included); more wait "
        "to be accepted.",
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
    # --- who gets in ---
    cors_origins: tuple[str, ...] = setting(
        "CORS_ORIGINS",
        ("https://*.googleusercontent.com",),
        _origins,
        "Comma-separated origins whose pages may call the API from a browser: exact "
        "(`https://app.example.org`) or patterns (`https://*.example.org`), `none` for the "
        "server's own pages only; never `*`.",
    )
    api_keys: tuple[str, ...] = setting(
        "API_KEYS",
        (),
        _api_keys,
        "Comma-separated API keys; when set, every /v1 and /v2 request needs one. Never "
        "logged or shown.",
        secret=True,
    )
    api_keys_file: str = setting(
        "API_KEYS_FILE",
        "",
        _key_file,
        "File of SHA-256 hashes of the API keys, one per line (`#` comments); a bad line "
        "stops start-up.",
    )
    log_level: str = setting("LOG_LEVEL", "INFO", _log_level, "Log level of the server.")
    # --- many instances ---
    redis_url: str = setting(
        "REDIS_URL",
        "",
        _redis_url,
        "Redis URL (redis://host:port/db) shared by all instances: rate limits, token "
        "budgets, the model's circuit state, feedback. Empty: each process keeps its own in "
        "memory.",
    )
    # --- limits that protect the server and the budget ---
    rate_limit: str = setting(
        "RATE_LIMIT",
        "",
        _rate_limit,
        "Requests per API key (per client address without keys) on /v1 and /v2, such as "
        "`120/minute` or `10/second;1000/hour`; 429 above. Empty: no limit.",
    )
    llm_daily_tokens: int = setting(
        "LLM_DAILY_TOKENS",
        0,
        _whole_or_zero,
        "Model tokens (prompt and answer) each API key (or client address) may spend per UTC "
        "day; then the local engine answers with a `llm-budget-spent` warning. 0: unlimited.",
    )
    max_in_flight: int | str = setting(
        "MAX_IN_FLIGHT",
        "auto",
        _in_flight,
        "Requests to /v1 and /v2 one worker process serves at once. One more waits for a "
        "place while the process computes (up to 10 s), 0.5 s while its places wait on a "
        "model, then gets a 503 with `Retry-After: 1` (at once while the process stays full). "
        "`auto`: ADDIN_THREADS - 1 under `addin-server serve` (a thread stays free for health "
        "checks), none under other servers; 0: no cap.",
    )
    # --- install: HTTPS and the Word manifest (issue 10) ---
    public_url: str = setting(
        "PUBLIC_URL",
        "",
        _public_url,
        "The deployment's public base URL, e.g. https://writer.example.org; /manifest.xml "
        "points Word there (the request's own scheme and host when empty).",
    )
    tls_cert: str = setting(
        "TLS_CERT",
        "",
        _existing_file,
        "PEM certificate (with its chain) `addin-server serve` uses for HTTPS; set with "
        "ADDIN_TLS_KEY. Empty: plain HTTP, or the development certificate with --https.",
    )
    tls_key: str = setting("TLS_KEY", "", _existing_file, "PEM private key of ADDIN_TLS_CERT.")
    # --- local engine ---
    long_sentence_words: int = setting(
        "LONG_SENTENCE_WORDS",
        35,
        _positive_int,
        "Sentences with more words than this are flagged (`style.long_sentence`).",
    )
    style_guide: str = setting(
        "STYLE_GUIDE",
        "",
        _text,
        "Path to the organization's YAML style guide; its rules (`guide.<name>`) apply to "
        "every check. Empty for none.",
    )

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
        "Threads on which the local engine runs Harper, per process: every check, and the "
        "chunks of one long text at once.",
    )
    cache_mb: int = setting(
        "CACHE_MB",
        64,
        _whole_or_zero,
        "Memory for the local engine's per-paragraph check results, in MB (results and "
        "hashes only, never the text); a re-check redoes only the paragraphs that changed. "
        "0: no cache.",
    )

    # --- model (LLM) ---
    llm_base_url: str = setting(
        "LLM_BASE_URL",
        "",
        _url,
        "OpenAI-compatible endpoint (OpenAI's when empty), e.g. http://127.0.0.1:8080/v1.",
    )
    llm_api_key: str = setting(
        "LLM_API_KEY",
        "",
        _text,
        "API key of the endpoint; OPENAI_API_KEY when unset. Never logged or shown.",
        secret=True,
        fallback_env="OPENAI_API_KEY",
    )
    llm_model: str = setting(
        "LLM_MODEL", "", _text, "Model name; setting it turns the model engine on."
    )
    llm_timeout: float = setting(
        "LLM_TIMEOUT", 30.0, _seconds, "Seconds one model call may take before it is retried."
    )
    llm_connect_timeout: float = setting(
        "LLM_CONNECT_TIMEOUT",
        3.0,
        _seconds,
        "Seconds to open a connection to the model endpoint (a down host fails fast).",
    )
    llm_breaker_failures: int = setting(
        "LLM_BREAKER_FAILURES",
        3,
        _positive_int,
        "Failed model calls in a row (unreachable, 5xx, 429, garbled) that open the circuit "
        "breaker; one timeout opens it at once. Then the local engine answers (`llm-unavailable`).",
    )
    llm_cooldown: float = setting(
        "LLM_COOLDOWN",
        30.0,
        _seconds,
        "Seconds an open breaker sends every request to the local engine; then one call probes.",
    )
    llm_max_retries: int = setting(
        "LLM_MAX_RETRIES", 2, _retries, "Retries of a failed model call (timeouts, 429, 5xx)."
    )
    llm_concurrency: int = setting(
        "LLM_CONCURRENCY", 4, _positive_int, "Model calls in flight at once, per worker process."
    )
    llm_response_format: str = setting(
        "LLM_RESPONSE_FORMAT",
        "auto",
        _response_format,
        "How to ask for JSON: auto (detected per endpoint), json_schema, json_object or none.",
    )
    redact_pii: bool = setting(
        "REDACT_PII",
        False,
        _flag,
        "1 replaces emails, phones, URLs, card and IBAN numbers with placeholders for the model.",
    )

    def __post_init__(self) -> None:
        if self.request_deadline >= self.request_timeout:
            raise ConfigError(
                f"ADDIN_REQUEST_DEADLINE ({self.request_deadline:g} s) must be below "
                f"ADDIN_REQUEST_TIMEOUT ({self.request_timeout:g} s), so a request answers "
                "with what it has done before its worker is restarted."
            )
        if bool(self.tls_cert) != bool(self.tls_key):
            raise ConfigError(
                "ADDIN_TLS_CERT and ADDIN_TLS_KEY go together: set both (a certificate and "
                "its private key) or neither."
            )
        if self.llm_base_url and not self.llm_model:
            raise ConfigError(
                "ADDIN_LLM_BASE_URL is set but ADDIN_LLM_MODEL is not: name the model to use "
                "(GET <base url>/models lists what the endpoint serves)."
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
            elif (fallback := spec.metadata["fallback_env"]) and environ.get(fallback, "").strip():
                values[spec.name] = _parse(spec, environ[fallback])
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
        elif isinstance(default, bool):
            default = "1" if default else "0"
        rows.append((spec.metadata["env"], str(default), spec.metadata["doc"]))
    return rows
