"""The model settings, and the one place that builds the ``openai.OpenAI`` client.

The client's own defaults (a 600 s timeout, retried) would outlive any HTTP worker, so the
timeout and retries are always set from ``ADDIN_LLM_TIMEOUT`` and ``ADDIN_LLM_MAX_RETRIES``.
The client honours ``Retry-After`` up to two minutes; a transport caps that wait so a
rate-limited call gives up (and the local engine answers) instead of holding the worker.
That transport is httpx2's, the HTTP library the ``openai`` client is built on (declared in
pyproject.toml beside it): an ``httpx`` transport would not fit its client.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx2

from addin_server.config import Settings
from addin_server.engines.llm.breaker import Breaker
from addin_server.text import tokens
from addin_server.text.budget import ModelWindow

if TYPE_CHECKING:
    import openai

OPENAI_BASE_URL = "https://api.openai.com/v1"
# A local server (llama.cpp, Ollama, vLLM) needs no key, but the client insists on one.
NO_KEY = "not-needed"
# Longest Retry-After the client may wait before retrying; a longer one fails the call.
MAX_RETRY_AFTER_SECONDS = 10.0


@dataclass(frozen=True)
class LlmConfig:
    """What the model engine needs from the settings; the key is kept out of ``repr``."""

    model: str
    base_url: str = OPENAI_BASE_URL
    api_key: str = field(default="", repr=False)
    timeout: float = 30.0
    # Connecting is quick or it is not happening: fail fast so the fallback answers fast.
    connect_timeout: float = 3.0
    max_retries: int = 2
    breaker_failures: int = 3
    cooldown: float = 30.0
    concurrency: int = 4
    response_format: str = "auto"
    redact_pii: bool = False
    encoding: str = "o200k_base"
    context_tokens: int = 8192
    max_chunk_tokens: int = 2000

    @property
    def window(self) -> ModelWindow:
        """The model's encoding, window and chunk cap, for planning chunks."""
        return ModelWindow(self.encoding, self.context_tokens, self.max_chunk_tokens)

    @classmethod
    def from_settings(cls, settings: Settings) -> LlmConfig | None:
        """The model's configuration, or ``None`` when no model is configured."""
        if not settings.llm_model:
            return None
        model = settings.llm_model
        return cls(
            model=model,
            base_url=settings.llm_base_url or OPENAI_BASE_URL,
            api_key=settings.llm_api_key,
            timeout=settings.llm_timeout,
            connect_timeout=settings.llm_connect_timeout,
            max_retries=settings.llm_max_retries,
            breaker_failures=settings.llm_breaker_failures,
            cooldown=settings.llm_cooldown,
            concurrency=settings.llm_concurrency,
            response_format=settings.llm_response_format,
            redact_pii=settings.redact_pii,
            encoding=tokens.encoding_name_for_model(model, settings.encoding),
            context_tokens=tokens.context_window(model, settings.context_tokens),
            max_chunk_tokens=settings.max_chunk_tokens,
        )


# Marks the answer the transport makes up for a retry refused by an open breaker.
BREAKER_HEADER = "x-penwise-breaker"


class _CappedRetryAfter(httpx2.HTTPTransport):
    """Tell the client not to retry when the server asks for a longer wait than we allow;
    with a breaker, a timeout opens it and the client's retries stop there."""

    def __init__(self, breaker: Breaker | None = None) -> None:
        super().__init__()
        self._breaker = breaker

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        # Only chat calls: the /models probe of /readyz reports the endpoint, it never trips.
        chat = request.url.path.endswith("/chat/completions")
        breaker = self._breaker if chat else None
        if breaker is not None and breaker.cooling_down():
            # The breaker opened meanwhile: a made-up 503 the client must not retry (a
            # connection error would be retried, after a backoff sleep each time).
            return httpx2.Response(
                503,
                headers={"x-should-retry": "false", BREAKER_HEADER: "open"},
                json={"error": {"message": "circuit breaker open"}},
                request=request,
            )
        try:
            response = super().handle_request(request)
        except httpx2.TimeoutException:
            # A hung endpoint costs ADDIN_LLM_TIMEOUT per try; one is enough to know.
            if breaker is not None:
                breaker.failed(at_once=True)
            raise
        wait = _retry_after_seconds(response.headers)
        if wait is not None and wait > MAX_RETRY_AFTER_SECONDS:
            response.headers["x-should-retry"] = "false"
        return response


def _retry_after_seconds(headers: httpx2.Headers) -> float | None:
    for name, divisor in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is not None:
            try:
                return float(value) / divisor
            except ValueError:
                return None  # an HTTP date: rare from model servers; the client decides
    return None


def make_client(config: LlmConfig, breaker: Breaker | None = None) -> openai.OpenAI:
    """Build the ``openai.OpenAI`` client for ``config``: explicit timeout and retries, and
    retries that stop once ``breaker`` opens."""
    import openai  # here, not above: a server without a model never loads it (0.6 s)

    timeout = openai.Timeout(config.timeout, connect=min(config.connect_timeout, config.timeout))
    http_client = openai.DefaultHttpxClient(
        transport=_CappedRetryAfter(breaker),
        timeout=timeout,
        limits=httpx2.Limits(
            max_connections=config.concurrency * 2, max_keepalive_connections=config.concurrency
        ),
    )
    return openai.OpenAI(
        api_key=config.api_key or NO_KEY,
        base_url=config.base_url,
        timeout=timeout,
        max_retries=config.max_retries,
        http_client=http_client,
    )
