"""The ``model`` section: the model engine over an OpenAI-compatible endpoint."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import ConfigError, setting


@dataclass(frozen=True)
class ModelSettings:
    """The model engine over any OpenAI-compatible endpoint ([models](models.md)). Setting
    `ADDIN_LLM_MODEL` turns it on: `auto`, the default engine of every request, then means
    the model, with the local engine as the fallback."""

    TITLE: ClassVar[str] = "Model (LLM)"

    llm_base_url: str = setting(
        "",
        values.url,
        "OpenAI-compatible endpoint (OpenAI's when empty), e.g. http://127.0.0.1:8080/v1. "
        "Needs `ADDIN_LLM_MODEL` (start-up stops without it).",
    )
    llm_api_key: str = setting(
        "",
        values.text,
        "API key of the endpoint. `addin-server serve` warns when a model is set without a "
        "key, unless the endpoint is on the loopback.",
        secret=True,
        fallback_env="OPENAI_API_KEY",
    )
    llm_model: str = setting("", values.text, "Model name; setting it turns the model engine on.")
    llm_timeout: float = setting(
        30.0,
        values.seconds,
        "Seconds one model call may take in all, from connecting to the answer's last byte, "
        "streamed or not (the request's deadline may end it sooner); a call that runs out is "
        "not retried.",
    )
    llm_connect_timeout: float = setting(
        3.0,
        values.seconds,
        "Seconds to open a connection to the model endpoint, so a down host fails fast.",
    )
    llm_breaker_failures: int = setting(
        3,
        values.positive_int,
        "Failed model calls in a row (unreachable, 5xx, 429, an answer that is not JSON, a "
        "stream cut off) that open the circuit breaker; one timeout opens it at once. While "
        "it is open the local engine answers at once, with `degraded: true` and a "
        "`llm-unavailable` warning.",
    )
    llm_cooldown: float = setting(
        30.0,
        values.seconds,
        "Seconds an open breaker keeps requests off the model endpoint; then one request's "
        "call probes it and closes the breaker, or opens it again.",
    )
    llm_max_retries: int = setting(
        2, values.retries, "Retries of a failed model call (timeouts, 429, 5xx)."
    )
    llm_concurrency: int = setting(
        4, values.positive_int, "Model calls in flight at once, per worker process."
    )
    llm_response_format: str = setting(
        "auto",
        values.response_format,
        "How to ask the endpoint for JSON; `auto` starts with `json_schema` and steps down "
        "at a refusal, remembered per endpoint.",
    )
    redact_pii: bool = setting(
        False,
        values.flag,
        "`1` replaces emails, phones, URLs, card and IBAN numbers with placeholders for the model.",
    )

    def __post_init__(self) -> None:
        if self.llm_base_url and not self.llm_model:
            raise ConfigError(
                "ADDIN_LLM_BASE_URL is set but ADDIN_LLM_MODEL is not: name the model to use "
                "(GET <base url>/models lists what the endpoint serves)."
            )
