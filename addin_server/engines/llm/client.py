"""The model settings, and the one place that builds the ``openai.OpenAI`` client.

The client's own defaults (a 600 s timeout, retried) would outlive any HTTP worker, so the
timeout and retries are always set from ``ADDIN_LLM_TIMEOUT`` and ``ADDIN_LLM_MAX_RETRIES``.
The client honours ``Retry-After`` up to two minutes; a transport caps that wait so a
rate-limited call gives up (and the local engine answers) instead of holding the worker, and
ends every chat call by its deadline (:mod:`.deadline`), a timeout not retried.
That transport is httpx2's, the HTTP library the ``openai`` client is built on (declared in
pyproject.toml beside it): an ``httpx`` transport would not fit its client.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx2

from addin_server.config import ChunkingSettings, ModelSettings
from addin_server.engines.llm import deadline
from addin_server.engines.llm.breaker import Breaker
from addin_server.engines.llm.deadline import DeadlineBackend
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
    def from_settings(cls, settings: ModelSettings, chunking: ChunkingSettings) -> LlmConfig | None:
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
            encoding=tokens.encoding_name_for_model(model, chunking.encoding),
            context_tokens=tokens.context_window(model, chunking.context_tokens),
            max_chunk_tokens=chunking.max_chunk_tokens,
        )


# Marks the answer the transport makes up for a retry refused by an open breaker.
BREAKER_HEADER = "x-penwise-breaker"


class _CappedRetryAfter(httpx2.HTTPTransport):
    """Tell the client not to retry when the server asks for a longer wait than we allow or
    than the call has left; end every chat call by its deadline (:mod:`.deadline`), and make
    a timeout final. With a breaker, a timeout opens it and the client's retries stop there."""

    def __init__(self, breaker: Breaker | None = None, limits: httpx2.Limits | None = None):
        super().__init__(limits=limits or httpx2.Limits())
        self._breaker = breaker
        # httpx has no setting for the pool's network backend: wrap the one it made.
        pool = self._pool
        pool._network_backend = DeadlineBackend(pool._network_backend)

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
        timed = deadline.remaining() is not None  # a model call (ModelCaller) runs
        try:
            response = super().handle_request(request)
        except httpx2.TimeoutException:
            if timed:
                raise _timed_out(request, breaker) from None
            raise
        wait = _retry_after_seconds(response.headers)
        left = deadline.remaining()
        if wait is not None and (wait > MAX_RETRY_AFTER_SECONDS or _past(wait, left)):
            response.headers["x-should-retry"] = "false"
        if timed:
            response.stream = _TimedBody(response.stream, request, breaker)
        return response


class _TimedBody(httpx2.SyncByteStream):
    """An answer's body whose timeout (the call's deadline) is final, as in the headers."""

    def __init__(self, body: Any, request: httpx2.Request, breaker: Breaker | None) -> None:
        self._body = body
        self._request = request
        self._breaker = breaker

    def __iter__(self) -> Iterator[bytes]:
        try:
            yield from self._body
        except httpx2.TimeoutException:
            raise _timed_out(self._request, self._breaker) from None

    def close(self) -> None:
        self._body.close()


def _timed_out(request: httpx2.Request, breaker: Breaker | None) -> Exception:
    """The error for a call that ran out of time: an ``openai`` error, which the client
    passes on without retrying; with a breaker, the breaker opens (one timeout already cost
    the writer the whole of ``ADDIN_LLM_TIMEOUT``)."""
    import openai

    if breaker is not None:
        breaker.failed(at_once=True)
    return openai.APITimeoutError(request=request)


def _past(wait: float, left: float | None) -> bool:
    """Whether a retry after ``wait`` seconds would start past the call's deadline."""
    return left is not None and wait >= left


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
    limits = httpx2.Limits(
        max_connections=config.concurrency * 2, max_keepalive_connections=config.concurrency
    )
    # The limits go to the transport: a client given a transport leaves its own unused.
    http_client = openai.DefaultHttpxClient(
        transport=_CappedRetryAfter(breaker, limits), timeout=timeout
    )
    return openai.OpenAI(
        api_key=config.api_key or NO_KEY,
        base_url=config.base_url,
        timeout=timeout,
        max_retries=config.max_retries,
        http_client=http_client,
    )
