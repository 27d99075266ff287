"""Why a model call failed, as small named errors whose messages tell the writer what to do.

Upstream messages are never passed on: they can quote the API key (OpenAI's 401 does, in
part) or the writer's text. Each error carries a stable ``code`` for the answer's warnings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from addin_server.engines.base import EngineUnavailable

if TYPE_CHECKING:
    import openai


class LlmError(EngineUnavailable):
    """A model call failed; ``code`` names the cause, the message says what to do."""

    code = "llm-failed"
    # What to do about it, added to the warning (the message itself names the cause).
    advice = ""
    # Whether the endpoint itself is unwell, so the other chunks of a request need not try.
    trips = True

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ModelUnreachable(LlmError):
    """No connection to the endpoint (refused, DNS, TLS, or the connection broke off)."""

    code = "llm-unreachable"


class ModelTimeout(LlmError):
    """The endpoint did not finish its answer by the call's deadline (see .deadline)."""

    code = "llm-timeout"


class ModelRateLimited(LlmError):
    """429 after the retries (or a ``Retry-After`` too long to wait for)."""

    code = "llm-rate-limited"


class ModelServerError(LlmError):
    """5xx after the retries."""

    code = "llm-server-error"


class ModelAuthFailed(LlmError):
    """401 or 403: the key is missing, wrong, or lacks access to the model."""

    code = "llm-auth-failed"


class ModelRejected(LlmError):
    """Another 4xx: the endpoint refused the request (unknown model, bad parameter)."""

    code = "llm-rejected"


class ContextTooLong(LlmError):
    """400 ``context_length_exceeded``: the chunk must be cut smaller."""

    code = "llm-context-too-long"
    trips = False


class InvalidOutput(LlmError):
    """The model answered, but not with what was asked (not JSON, wrong shape, an echo)."""

    code = "llm-invalid-output"
    advice = " If this keeps happening, use an instruction-tuned (chat) model in ADDIN_LLM_MODEL."
    trips = False


class ModelBusy(LlmError):
    """This server's calls or places for the model are all taken: the model was not asked.

    The endpoint is not known to be unwell, so the breaker does not count it."""

    code = "llm-busy"
    trips = False


class ModelSlow(LlmError):
    """The model's calls time out or run long, and the request is complete without it (a
    check): the model was not asked."""

    code = "llm-slow"
    trips = False


class CircuitOpen(LlmError):
    """The endpoint failed repeatedly: no call is made until the cool-down ends."""

    code = "llm-unavailable"


class BudgetSpent(LlmError):
    """The payer's daily token budget (``ADDIN_LLM_DAILY_TOKENS``) is spent."""

    code = "llm-budget-spent"


def classify(error: Exception, timeout: float, retries: int) -> LlmError:
    """Turn an ``openai`` exception into our :class:`LlmError` with a fix-it message."""
    import openai  # only a server with a model gets here (see client.make_client)

    tried = f"after {retries} {'retry' if retries == 1 else 'retries'}"
    if isinstance(error, openai.APITimeoutError):  # never retried (see engines.llm.deadline)
        return ModelTimeout(
            f"The model did not finish its answer within {timeout:g} s (ADDIN_LLM_TIMEOUT, or "
            "the request's own deadline if sooner); raise ADDIN_LLM_TIMEOUT or use a faster "
            "model."
        )
    if isinstance(error, openai.APIConnectionError):
        return ModelUnreachable(
            f"The model endpoint could not be reached {tried}; check ADDIN_LLM_BASE_URL and "
            "that the model server is running."
        )
    if not isinstance(error, openai.APIStatusError):
        return ModelUnreachable(
            f"The model call failed ({type(error).__name__}); check the model server's log."
        )
    status = error.status_code
    if status == 429:
        return ModelRateLimited(
            f"The model endpoint is rate-limiting this server (429) {tried}; lower "
            "ADDIN_LLM_CONCURRENCY or raise the account's limits.",
            status=status,
        )
    if status >= 500:
        return ModelServerError(
            f"The model endpoint failed with HTTP {status} {tried}; check its log.",
            status=status,
        )
    if status in (401, 403):
        return ModelAuthFailed(
            f"The model endpoint refused the API key (HTTP {status}); check ADDIN_LLM_API_KEY "
            "(or OPENAI_API_KEY).",
            status=status,
        )
    if is_context_length_error(error):
        return ContextTooLong(
            "The text did not fit the model's context window; lower ADDIN_CONTEXT_TOKENS or "
            "ADDIN_MAX_CHUNK_TOKENS to the window the model server really has.",
            status=status,
        )
    if status == 404:
        return ModelRejected(
            "The model endpoint does not know this model or path (HTTP 404); check "
            "ADDIN_LLM_MODEL and ADDIN_LLM_BASE_URL (which usually ends in /v1).",
            status=status,
        )
    return ModelRejected(
        f"The model endpoint refused the request (HTTP {status}); check ADDIN_LLM_MODEL.",
        status=status,
    )


def is_context_length_error(error: openai.APIStatusError) -> bool:
    """Whether a 400 says the prompt and answer do not fit the context window."""
    if error.status_code != 400:
        return False
    if error.code == "context_length_exceeded":
        return True
    text = str(error.message).lower()
    return "context length" in text or "context window" in text or "maximum context" in text
