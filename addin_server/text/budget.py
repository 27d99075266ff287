"""How a text will be split for a model: its encoding, window, chunk budget and chunks.

Each operation leaves a different share of the window for its answer: a rewrite answers
with about as much text as it is given, a check with a list of issues, ideas with a few
prompts of a fixed size. The engine that calls a model and ``POST /v1/tokens`` (which tells
the taskpane in how many parts a selection will be processed) plan with the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from addin_server.text.chunking import Chunk, split_into_chunks
from addin_server.text.tokens import (
    REWRITE_OUTPUT_RATIO,
    chunk_budget,
    context_window,
    encoding_name_for_model,
    token_counter,
)

# Tokens for an operation's instructions (system prompt, tone, format), until the engine
# that sends the prompt counts its own.
PROMPT_ALLOWANCE = 800
# Room for the answer of an ideas call: a few prompts of a few sentences each, whatever
# the chunk's length.
IDEAS_ANSWER_TOKENS = 1200


class Operation(StrEnum):
    """What a model will be asked to do with each chunk."""

    CHECK = "check"
    REWRITE = "rewrite"
    IDEAS = "ideas"


@dataclass(frozen=True, slots=True)
class OperationCost:
    """Tokens a call needs beside its chunk: fixed ones, and per chunk token."""

    prompt_tokens: int
    output_ratio: float


COSTS = {
    Operation.REWRITE: OperationCost(PROMPT_ALLOWANCE, REWRITE_OUTPUT_RATIO),
    # A check answers with issues that quote their text: up to about 0.6 of the chunk.
    Operation.CHECK: OperationCost(PROMPT_ALLOWANCE, 1.6),
    Operation.IDEAS: OperationCost(PROMPT_ALLOWANCE + IDEAS_ANSWER_TOKENS, 1.0),
}


@dataclass(frozen=True, slots=True)
class Defaults:
    """The configured fallbacks for models the server does not know, and the chunk cap."""

    encoding: str
    context_tokens: int
    max_chunk_tokens: int


@dataclass(frozen=True, slots=True)
class TokenPlan:
    """A text's token count and the chunks it will be processed in."""

    encoding: str
    context_tokens: int
    budget: int
    tokens: int
    chunks: tuple[Chunk, ...]


def operation_budget(operation: Operation, context_tokens: int, cap: int) -> int:
    """The chunk budget of ``operation`` for a model with ``context_tokens`` of window."""
    cost = COSTS[operation]
    return chunk_budget(context_tokens, cost.prompt_tokens, cap, output_ratio=cost.output_ratio)


def plan(text: str, model: str | None, operation: Operation, defaults: Defaults) -> TokenPlan:
    """Count ``text`` and split it as ``operation`` on ``model`` would."""
    encoding = encoding_name_for_model(model, defaults.encoding)
    window = context_window(model, defaults.context_tokens)
    budget = operation_budget(operation, window, defaults.max_chunk_tokens)
    counter = token_counter(encoding)
    return TokenPlan(
        encoding=encoding,
        context_tokens=window,
        budget=budget,
        tokens=counter(text),
        chunks=tuple(split_into_chunks(text, budget, counter)),
    )
