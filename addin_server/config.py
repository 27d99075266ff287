"""Settings read from ``ADDIN_*`` environment variables, validated once at start-up.

Every user-visible knob is a field of :class:`Settings`; its metadata names the variable,
documents it and says how to parse it. The README's table of variables is checked against
these fields by the test suite, so the two cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from addin_server import setting_values as values

ENV_PREFIX = "ADDIN_"


class ConfigError(ValueError):
    """A setting has a value the server cannot start with; the message names the variable."""


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

    host: str = setting(
        "HOST", "127.0.0.1", values.text, "Interface `addin-server serve` binds to."
    )
    port: int = setting("PORT", 8765, values.port, "TCP port `addin-server serve` listens on.")
    server: str = setting(
        "SERVER",
        "waitress",
        values.server,
        "What `addin-server serve` runs: `waitress` (reads whole requests before a thread "
        "takes them; Windows too) or `gunicorn` (worker processes; Linux and macOS). "
        "`--https` always runs gunicorn.",
    )
    workers: int = setting(
        "WORKERS",
        2,
        values.positive_int,
        "Worker processes of `addin-server serve`, waitress or gunicorn (one on Windows, "
        "where waitress cannot fork).",
    )
    threads: int = setting(
        "THREADS", 8, values.positive_int, "Threads per worker (requests served at once by each)."
    )
    request_timeout: float = setting(
        "REQUEST_TIMEOUT",
        120.0,
        values.seconds,
        "Seconds before a stuck gunicorn worker is restarted.",
    )
    request_deadline: float = setting(
        "REQUEST_DEADLINE",
        60.0,
        values.seconds,
        "Seconds of work one request may start: parts not started by then are not checked, "
        "and the answer says which (`incomplete`, `unprocessed`). Below ADDIN_REQUEST_TIMEOUT.",
    )
    client_timeout: float = setting(
        "CLIENT_TIMEOUT",
        30.0,
        values.seconds,
        "Seconds a connection may send and receive nothing before waitress closes it.",
    )
    max_connections: int = setting(
        "MAX_CONNECTIONS",
        500,
        values.connection_limit,
        "Connections each waitress process holds open at once (slow ones included); more wait "
        "to be accepted.",
    )
    max_body_bytes: int = setting(
        "MAX_BODY_BYTES",
        8 * 1024**2,
        values.byte_size,
        "Largest request body accepted (413 above).",
    )
    max_text_chars: int = setting(
        "MAX_TEXT_CHARS",
        1_000_000,
        values.positive_int,
        "Longest text accepted, in characters (413 above); about a 160,000-word book.",
    )
    default_language: str = setting(
        "DEFAULT_LANGUAGE", "en-US", values.language, "Language used when a request names none."
    )
    # --- who gets in ---
    cors_origins: tuple[str, ...] = setting(
        "CORS_ORIGINS",
        ("https://*.googleusercontent.com",),
        values.origins,
        "Comma-separated origins whose pages may call the API from a browser: exact "
        "(`https://app.example.org`) or patterns (`https://*.example.org`), `none` for the "
        "server's own pages only; never `*`.",
    )
    api_keys: tuple[str, ...] = setting(
        "API_KEYS",
        (),
        values.api_keys,
        "Comma-separated API keys; when set, every /v1 and /v2 request needs one. Never "
        "logged or shown.",
        secret=True,
    )
    api_keys_file: str = setting(
        "API_KEYS_FILE",
        "",
        values.key_file,
        "File of SHA-256 hashes of the API keys, one per line (`#` comments); a bad line "
        "stops start-up.",
    )
    log_level: str = setting("LOG_LEVEL", "INFO", values.log_level, "Log level of the server.")
    # --- many instances ---
    redis_url: str = setting(
        "REDIS_URL",
        "",
        values.redis_url,
        "Redis URL (redis://host:port/db) shared by all instances on all machines: rate "
        "limits, token budgets, the model's circuit state, feedback. Empty: the worker "
        "processes of one server share them on this machine (ADDIN_STATE_DIR).",
    )
    state_dir: str = setting(
        "STATE_DIR",
        "",
        values.existing_folder,
        "Folder in which each server makes a private folder for what its worker processes "
        "share on this machine (SQLite: limits, budgets, feedback counts, the paragraph "
        "cache), removed when it stops. Empty: `$XDG_RUNTIME_DIR`, else the system's "
        "temporary folder.",
    )
    # --- limits that protect the server and the budget ---
    rate_limit: str = setting(
        "RATE_LIMIT",
        "",
        values.rate_limit,
        "Requests per API key (per client address without keys) on /v1 and /v2, such as "
        "`120/minute` or `10/second;1000/hour`; 429 above. Empty: no limit.",
    )
    llm_daily_tokens: int = setting(
        "LLM_DAILY_TOKENS",
        0,
        values.whole_or_zero,
        "Model tokens (prompt and answer) each API key (or client address) may spend per UTC "
        "day; then the local engine answers with a `llm-budget-spent` warning. 0: unlimited.",
    )
    max_in_flight: int | str = setting(
        "MAX_IN_FLIGHT",
        "auto",
        values.in_flight,
        "Requests to /v1 and /v2 one worker process serves at once. One more waits for a "
        "place while the work holding them makes progress (up to 10 s); after 1 s without "
        "progress (they wait on a model) it gets a 503 with `Retry-After: 1` (at once while "
        "the process stays full). "
        "`auto`: ADDIN_THREADS - 1 under `addin-server serve` (a thread stays free for health "
        "checks), none under other servers; 0: no cap.",
    )
    # --- install: HTTPS and the Word manifest (issue 10) ---
    public_url: str = setting(
        "PUBLIC_URL",
        "",
        values.public_url,
        "The deployment's public base URL, e.g. https://writer.example.org; /manifest.xml "
        "points Word there (the request's own scheme and host when empty).",
    )
    tls_cert: str = setting(
        "TLS_CERT",
        "",
        values.existing_file,
        "PEM certificate (with its chain) `addin-server serve` uses for HTTPS; set with "
        "ADDIN_TLS_KEY. Empty: plain HTTP, or the development certificate with --https.",
    )
    tls_key: str = setting(
        "TLS_KEY", "", values.existing_file, "PEM private key of ADDIN_TLS_CERT."
    )
    authorship_marks: str = setting(
        "AUTHORSHIP_MARKS",
        "removable",
        values.authorship_marks,
        "The marks the pane keeps in a document around text Penwise wrote: `removable` "
        "(writers may remove them, after a confirmation) or `required` (the organization "
        "needs them kept: the pane offers no Remove marks; read from /v1/info).",
    )
    outlook_send_check: bool = setting(
        "OUTLOOK_SEND_CHECK",
        True,
        values.flag,
        "1: Outlook's check on Send holds a mail with spelling or grammar issues once, to "
        "review or send anyway; 0: the organization switches it off and every mail goes "
        "unchecked (read by the send check from /v1/info).",
    )
    # --- local engine ---
    long_sentence_words: int = setting(
        "LONG_SENTENCE_WORDS",
        35,
        values.positive_int,
        "Sentences with more words than this are flagged (`style.long_sentence`).",
    )
    style_guide: str = setting(
        "STYLE_GUIDE",
        "",
        values.text,
        "Path to the organization's YAML style guide; its rules (`guide.<name>`) apply to "
        "every check. Empty for none.",
    )

    # --- chunking and tokens ---
    encoding: str = setting(
        "ENCODING",
        "o200k_base",
        values.encoding_name,
        "Token encoding for models the server does not know (o200k_base or cl100k_base).",
    )
    context_tokens: int = setting(
        "CONTEXT_TOKENS",
        8192,
        values.token_count,
        "Context window assumed for models the server does not know (local models).",
    )
    max_chunk_tokens: int = setting(
        "MAX_CHUNK_TOKENS",
        2000,
        values.token_count,
        "Largest chunk of a long text sent to a model in one call, in tokens.",
    )
    local_chunk_threads: int = setting(
        "LOCAL_CHUNK_THREADS",
        2,
        values.positive_int,
        "Threads on which the local engine runs Harper, per process: every check, and the "
        "chunks of one long text at once.",
    )
    cache_mb: int = setting(
        "CACHE_MB",
        64,
        values.whole_or_zero,
        "Size of the local engine's per-paragraph check results, in MB (results and hashes "
        "only, never the text), one cache for all the server's workers; a re-check redoes "
        "only the paragraphs that changed. 0: no cache.",
    )

    # --- checking as you write ---
    live_check: str = setting(
        "LIVE_CHECK",
        "on",
        values.live_check,
        "Checking as you write in the pane: `on` (writers start with it on and may turn it "
        "off), `off` (they start with it off and may turn it on) or `disabled` (off for "
        "everyone: `POST /v1/check/paragraphs` answers 403).",
    )
    live_engine: str = setting(
        "LIVE_ENGINE",
        "local",
        values.live_engine,
        "Engine of checks as you write: `local` (never the model, which costs on every "
        "pause in typing) or `auto` (the server's default engine; its daily budget applies).",
    )
    live_max_paragraphs: int = setting(
        "LIVE_MAX_PARAGRAPHS",
        200,
        values.paragraph_count,
        "Paragraphs one `POST /v1/check/paragraphs` may carry (more: 422).",
    )
    live_max_chars: int = setting(
        "LIVE_MAX_CHARS",
        20_000,
        values.positive_int,
        "Characters one `POST /v1/check/paragraphs` may carry, all its paragraphs together "
        "(more: 413); never more than `ADDIN_MAX_TEXT_CHARS`.",
    )

    # --- model (LLM) ---
    llm_base_url: str = setting(
        "LLM_BASE_URL",
        "",
        values.url,
        "OpenAI-compatible endpoint (OpenAI's when empty), e.g. http://127.0.0.1:8080/v1.",
    )
    llm_api_key: str = setting(
        "LLM_API_KEY",
        "",
        values.text,
        "API key of the endpoint; OPENAI_API_KEY when unset. Never logged or shown.",
        secret=True,
        fallback_env="OPENAI_API_KEY",
    )
    llm_model: str = setting(
        "LLM_MODEL", "", values.text, "Model name; setting it turns the model engine on."
    )
    llm_timeout: float = setting(
        "LLM_TIMEOUT",
        30.0,
        values.seconds,
        "Seconds one model call may take in all, from connecting to the answer's last byte, "
        "streamed or not (the request's deadline may end it sooner); a call that runs out is "
        "not retried.",
    )
    llm_connect_timeout: float = setting(
        "LLM_CONNECT_TIMEOUT",
        3.0,
        values.seconds,
        "Seconds to open a connection to the model endpoint (a down host fails fast).",
    )
    llm_breaker_failures: int = setting(
        "LLM_BREAKER_FAILURES",
        3,
        values.positive_int,
        "Failed model calls in a row (unreachable, 5xx, 429, garbled) that open the circuit "
        "breaker; one timeout opens it at once. Then the local engine answers (`llm-unavailable`).",
    )
    llm_cooldown: float = setting(
        "LLM_COOLDOWN",
        30.0,
        values.seconds,
        "Seconds an open breaker sends every request to the local engine; then one call probes.",
    )
    llm_max_retries: int = setting(
        "LLM_MAX_RETRIES", 2, values.retries, "Retries of a failed model call (timeouts, 429, 5xx)."
    )
    llm_concurrency: int = setting(
        "LLM_CONCURRENCY",
        4,
        values.positive_int,
        "Model calls in flight at once, per worker process.",
    )
    llm_response_format: str = setting(
        "LLM_RESPONSE_FORMAT",
        "auto",
        values.response_format,
        "How to ask for JSON: auto (detected per endpoint), json_schema, json_object or none.",
    )
    redact_pii: bool = setting(
        "REDACT_PII",
        False,
        values.flag,
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
            if overrides and spec.name in overrides:
                continue  # an override wins over the environment
            env = spec.metadata["env"]
            if env in environ and environ[env].strip() != "":
                values[spec.name] = _parse(spec, environ[env])
            elif (fallback := spec.metadata["fallback_env"]) and environ.get(fallback, "").strip():
                values[spec.name] = _parse(spec, environ[fallback])
        return cls(**values, **_parsed(overrides or {}))

    def replace(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (field name: value, as text or as the value) applied, each
        checked as its variable is; used for overrides and the CLI's flags."""
        return dataclasses.replace(self, **_parsed(changes))


def _parsed(changes: Mapping[str, Any]) -> dict[str, Any]:
    """``changes`` keyed by field name, each value parsed as its variable's text."""
    specs = {spec.name: spec for spec in dataclasses.fields(Settings)}
    unknown = set(changes) - set(specs)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    return {name: _parse(specs[name], value) for name, value in changes.items()}


def _parse(spec: dataclasses.Field[Any], value: Any) -> Any:
    """Parse ``value`` as its variable's text: an override such as ``{"port": -1}`` is checked
    exactly as ``ADDIN_PORT=-1`` is."""
    raw = value if isinstance(value, str) else as_text(value)
    try:
        return spec.metadata["parse"](raw)
    except ValueError as error:
        shown = "<hidden>" if spec.metadata["secret"] else repr(raw)
        raise ConfigError(f"{spec.metadata['env']}={shown}: {error}") from None


def as_text(value: Any) -> str:
    """A value as its variable spells it: ``("a", "b")`` is ``a,b``, ``True`` is ``1``."""
    if isinstance(value, tuple | list):
        return ",".join(str(part) for part in value)
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def documented_variables() -> list[tuple[str, str, str]]:
    """Return ``(variable, default, description)`` for every setting, in declaration order."""
    rows = []
    for spec in dataclasses.fields(Settings):
        rows.append((spec.metadata["env"], as_text(spec.default), spec.metadata["doc"]))
    return rows
