"""Calls to the model: JSON answers checked against a schema, and streamed text.

Endpoints differ in what they accept. OpenAI, vLLM and Ollama take ``response_format``
``json_schema``; llama.cpp's Python server refuses it (a 500) but takes ``json_object`` with
a ``schema`` and constrains its output to it; others take plain ``json_object`` or nothing.
The first refusal steps down that ladder and the step is remembered for the endpoint.
Likewise for models that want ``max_completion_tokens`` or refuse a ``temperature``.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from addin_server.engines.llm import deadline
from addin_server.engines.llm.breaker import Breaker, BreakerState
from addin_server.engines.llm.client import BREAKER_HEADER, LlmConfig, make_client
from addin_server.engines.llm.errors import (
    CircuitOpen,
    InvalidOutput,
    LlmError,
    ModelBusy,
    classify,
)
from addin_server.engines.llm.health import ModelHealth
from addin_server.engines.llm.output import check_schema, guard_answer, parse_json_object
from addin_server.engines.llm.prompts import Messages
from addin_server.engines.llm.spending import TokenBudget, charge, require_budget
from addin_server.observability.metrics import count_model_tokens
from addin_server.text import tokens

if TYPE_CHECKING:
    import openai

T = TypeVar("T")
log = logging.getLogger(__name__)
FORMAT_LADDER = ("json_schema", "json_object_schema", "json_object", "none")
_FORMAT_WORDS = ("response_format", "json_schema", "json_object", "schema", "grammar")


@dataclass(frozen=True)
class ModelRequest:
    """One call: the rendered prompt, the answer's schema and the call's limits."""

    label: str
    messages: Messages
    schema: dict[str, Any]  # sent as response_format
    accepts: dict[str, Any]  # what an answer is checked against (may be looser)
    max_tokens: int
    temperature: float
    original: str  # the text sent (for the echo guard)


def read_answer(content: str, request: ModelRequest, read: Callable[[dict[str, Any]], T]) -> T:
    """``read`` the answer ``content`` to ``request``, once it is parsed, of the schema and
    through the guards; else raise :class:`InvalidOutput` (a whole answer or a stream's)."""
    answer = parse_json_object(content)
    check_schema(answer, request.accepts)
    guard_answer(answer, request.messages.system, request.original)
    return read(answer)


class Cancellation:
    """Stop a request's streamed calls: set it, and every open upstream stream is closed."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._set = False
        self._open: list[Any] = []

    def is_set(self) -> bool:
        """Whether the request was cancelled."""
        return self._set

    def set(self) -> None:
        """Cancel: close every upstream stream now (a blocked read ends at once)."""
        with self._lock:
            self._set = True
            streams, self._open = self._open, []
        for stream in streams:
            try:
                stream.close()
            except Exception:  # closing races the reader; either way the call is over
                log.debug("closing a cancelled stream failed", exc_info=True)

    def track(self, stream: Any) -> bool:
        """Remember an open stream; ``False`` (and the stream closed) if already cancelled."""
        with self._lock:
            if not self._set:
                self._open.append(stream)
                return True
        stream.close()
        return False

    def forget(self, stream: Any) -> None:
        """The stream is finished."""
        with self._lock:
            if stream in self._open:
                self._open.remove(stream)


class _Quirks:
    """What this endpoint was found to accept; shared by all threads of a process."""

    def __init__(self, response_format: str) -> None:
        self.lock = threading.Lock()
        self.fixed = response_format != "auto"
        self.format = "json_schema" if response_format == "auto" else response_format
        self.token_param = "max_tokens"
        self.send_temperature = True


class ModelCaller:
    """Make model calls within the concurrency limit, and read their answers."""

    def __init__(
        self,
        config: LlmConfig,
        health: ModelHealth | None = None,
        budget: TokenBudget | None = None,
        breaker_state: BreakerState | None = None,
    ) -> None:
        self.config = config
        self.breaker = Breaker(
            config.base_url,
            failures=config.breaker_failures,
            cooldown=config.cooldown,
            probe_lease=config.timeout + config.connect_timeout + 5.0,
            state=breaker_state,
        )
        self.client = make_client(config, self.breaker)
        # A call past half its time is reported slow (see .health).
        self.health = health or ModelHealth(slow_after=config.timeout / 2)
        self.budget = budget
        self._slots = threading.BoundedSemaphore(config.concurrency)
        self._quirks = _Quirks(config.response_format)

    def ask(self, request: ModelRequest, read: Callable[[dict[str, Any]], T]) -> T:
        """Call the model and return ``read(answer)``; an invalid answer is asked once more."""
        problem: InvalidOutput | None = None
        for _attempt in range(2):
            content = self.complete(request)
            try:
                return read_answer(content, request, read)
            except InvalidOutput as error:
                log.warning("%s: invalid answer (%s)", request.label, type(error).__name__)
                problem = error
        assert problem is not None
        raise problem

    def complete(self, request: ModelRequest) -> str:
        """One chat completion, over by its deadline (:mod:`.deadline`); the answer's text."""
        payer = require_budget(self.budget)
        with self._slot(), deadline.within(self.config.timeout), self.health.calling():
            response = self._create(request, stream=False)
        _count_usage(getattr(response, "usage", None))
        choice = response.choices[0] if response.choices else None
        usage = getattr(response, "usage", None)
        answer = choice.message.content if choice is not None else None
        charge(self.budget, payer, _spent(usage) or self._counted(request, answer or ""))
        if choice is None or choice.message.content is None:
            raise InvalidOutput("The model's answer was empty.")
        if choice.finish_reason == "length":
            raise InvalidOutput("The model's answer was cut off at its token limit.")
        return choice.message.content

    def stream(self, request: ModelRequest, cancel: Cancellation) -> Iterator[str]:
        """Stream the answer's text, over by the call's deadline (:mod:`.deadline`: read it
        on the thread that asked); ``cancel`` closes the upstream call."""
        payer = require_budget(self.budget)
        with self._slot(), deadline.within(self.config.timeout), self.health.calling():
            if cancel.is_set():
                return
            stream = self._create(request, stream=True)
            if not cancel.track(stream):
                return
            finished = False
            said: list[str] = []
            reported = 0  # usage, from endpoints that send it unasked in the last chunk
            try:
                for chunk in stream:
                    if cancel.is_set():
                        return
                    _count_usage(getattr(chunk, "usage", None))  # sent by some endpoints
                    reported = _spent(getattr(chunk, "usage", None)) or reported
                    for choice in chunk.choices:
                        if choice.delta and choice.delta.content:
                            said.append(choice.delta.content)
                            yield choice.delta.content
                        if choice.finish_reason == "length":
                            raise InvalidOutput("The model's answer was cut off.")
                        finished = finished or choice.finish_reason is not None
            except LlmError:
                raise
            except Exception as error:  # the connection broke off mid-stream
                if cancel.is_set():
                    return
                raise self._failure(error) from None
            finally:
                cancel.forget(stream)
                stream.close()
                charge(self.budget, payer, reported or self._counted(request, "".join(said)))
            if not finished:
                self.breaker.failed()
                raise InvalidOutput("The model's answer stopped before it was finished.")
            self.health.record_success()
            self.breaker.succeeded()

    @contextmanager
    def _slot(self) -> Iterator[None]:
        """Hold one of the ``ADDIN_LLM_CONCURRENCY`` places for a call, waiting no longer
        than the request's deadline (the call's own time starts once it has one)."""
        left = deadline.request_remaining()
        if not self._slots.acquire(timeout=max(left, 0.0) if left is not None else None):
            raise ModelBusy(
                f"The model was already answering {self.config.concurrency} calls of this "
                "server (ADDIN_LLM_CONCURRENCY) and none ended in time."
            )
        try:
            yield
        finally:
            self._slots.release()

    def list_models(self, timeout: float) -> list[str]:
        """The model ids the endpoint serves (a cheap reachability probe, no retries)."""
        page = self.client.with_options(timeout=timeout, max_retries=0).models.list()
        return [model.id for model in page.data]

    def _create(self, request: ModelRequest, *, stream: bool) -> Any:
        import openai  # loaded with the client (see client.make_client)

        if not self.breaker.allow():
            raise self._circuit_open()
        while True:
            quirks = self._quirks
            with quirks.lock:
                fmt, token_param, temperature = (
                    quirks.format,
                    quirks.token_param,
                    quirks.send_temperature,
                )
            arguments: dict[str, Any] = {
                "model": self.config.model,
                "messages": request.messages.as_chat(),
                token_param: request.max_tokens,
                "stream": stream,
            }
            if temperature:
                arguments["temperature"] = request.temperature
            response_format = _response_format(fmt, request)
            if response_format is not None:
                arguments["response_format"] = response_format
            try:
                response = self.client.chat.completions.create(**arguments)
            except openai.APIStatusError as error:
                if self._adapt(error, fmt, token_param, temperature):
                    continue
                raise self._failure(error) from None
            except openai.APIError as error:
                raise self._failure(error) from None
            except ValueError:  # the body was not the JSON of a chat completion
                self.breaker.failed()
                raise InvalidOutput("The model endpoint's answer was not valid JSON.") from None
            if not stream:  # a stream has succeeded only once it finishes
                self.health.record_success()
                self.breaker.succeeded()
            return response

    def _adapt(self, error: openai.APIStatusError, fmt: str, token_param: str, temp: bool) -> bool:
        """Step around a parameter the endpoint refused; return whether to try again."""
        if error.status_code not in (400, 422, 500, 501):
            return False
        said = f"{error.param or ''} {error.message}".lower()
        quirks = self._quirks
        with quirks.lock:
            if token_param == "max_tokens" and "max_tokens" in said and error.status_code == 400:
                quirks.token_param = "max_completion_tokens"
            elif temp and "temperature" in said and error.status_code == 400:
                quirks.send_temperature = False
            elif not quirks.fixed and fmt != "none" and any(w in said for w in _FORMAT_WORDS):
                if quirks.format == fmt:
                    quirks.format = FORMAT_LADDER[FORMAT_LADDER.index(fmt) + 1]
            else:
                return False
            log.info(
                "model endpoint quirks: format=%s tokens=%s temperature=%s",
                quirks.format,
                quirks.token_param,
                quirks.send_temperature,
            )
        return True

    def _failure(self, error: Exception) -> LlmError:
        import openai

        if isinstance(error, openai.APIStatusError) and error.response.headers.get(BREAKER_HEADER):
            return self._circuit_open()
        failure = classify(error, self.config.timeout, self.config.max_retries)
        if failure.trips:
            self.health.record_failure(failure.code)
            self.breaker.failed()
        else:  # the endpoint answered (a 4xx it explains): it is up
            self.breaker.succeeded()
        return failure

    def _circuit_open(self) -> CircuitOpen:
        return CircuitOpen(
            f"The model endpoint failed {self.config.breaker_failures} times in a row or timed "
            f"out, so it is not asked for {self.breaker.seconds_left():.0f} s more "
            "(ADDIN_LLM_COOLDOWN); check the model server and ADDIN_LLM_BASE_URL."
        )

    def _counted(self, request: ModelRequest, answer: str) -> int:
        """Tokens of a call whose endpoint reported no usage, counted as we count them."""
        encoding = tokens.get_encoding(self.config.encoding)
        prompt = request.messages.system + "\n" + request.messages.user
        return tokens.count_tokens(encoding, prompt) + tokens.count_tokens(encoding, answer)

    @property
    def response_format(self) -> str:
        """The ``response_format`` mode this endpoint was found to accept."""
        return self._quirks.format


def _spent(usage: Any) -> int:
    """Total tokens of an endpoint's ``usage`` report; 0 when it reported none."""
    total = getattr(usage, "total_tokens", None) if usage is not None else None
    return total if isinstance(total, int) and total > 0 else 0


def _count_usage(usage: Any) -> None:
    # Only what the endpoint reports: an endpoint that reports nothing is not guessed at.
    if usage is not None:
        count_model_tokens(
            getattr(usage, "prompt_tokens", 0) or 0, getattr(usage, "completion_tokens", 0) or 0
        )


def _response_format(fmt: str, request: ModelRequest) -> dict[str, Any] | None:
    if fmt == "json_schema":
        name = request.label.split("/")[0]
        return {
            "type": "json_schema",
            "json_schema": {"name": name, "schema": request.schema, "strict": True},
        }
    if fmt == "json_object_schema":
        return {"type": "json_object", "schema": request.schema}
    if fmt == "json_object":
        return {"type": "json_object"}
    return None
