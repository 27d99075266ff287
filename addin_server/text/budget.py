"""The vocabulary of a token plan: what a model will be asked, its window, and the result.

The model engine plans every call from its real prompts (``engines/llm/planning.py``); so
does ``POST /v1/tokens``, which tells the taskpane in how many parts a selection will be
processed, so what it announces is what happens.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from addin_server.text.chunking import Chunk
from addin_server.text.tokens import context_window, encoding_name_for_model


class OperationKind(StrEnum):
    """Which operation a token plan is for: what a model will be asked to do with each chunk."""

    CHECK = "check"
    REWRITE = "rewrite"
    IDEAS = "ideas"


@dataclass(frozen=True, slots=True)
class ModelWindow:
    """What a plan needs to know of a model: its encoding, its window and the chunk cap."""

    encoding: str
    context_tokens: int
    max_chunk_tokens: int


def window_for(model: str | None, encoding: str, context_tokens: int, cap: int) -> ModelWindow:
    """The window of ``model``; a name the tables do not know gets the given defaults."""
    return ModelWindow(
        encoding_name_for_model(model, encoding), context_window(model, context_tokens), cap
    )


@dataclass(frozen=True, slots=True)
class TokenPlan:
    """A text's token count and the chunks it will be processed in."""

    encoding: str
    context_tokens: int
    budget: int
    tokens: int
    chunks: tuple[Chunk, ...]
