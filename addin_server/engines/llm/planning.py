"""How a text is cut for a model call: each chunk gets the room its prompt leaves.

A chunk's budget is (window − the prompt's own tokens − margin) ÷ the operation's output
ratio (a rewrite answers with about as much text as it is given), capped by
``ADDIN_MAX_CHUNK_TOKENS`` (see :func:`addin_server.text.tokens.chunk_budget`). The model
engine and ``POST /v1/tokens`` both plan here, with the real prompts.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from addin_server.engines.base import CheckOptions, IdeaOptions, RewriteOptions
from addin_server.engines.llm.operations import (
    Operation,
    grammar_operation,
    ideas_operation,
    rewrite_operation,
)
from addin_server.text import tokens
from addin_server.text.budget import ModelWindow, OperationKind, TokenPlan
from addin_server.text.chunking import CONTEXT_CHARS, Chunk, split_into_chunks

# A stand-in for the longest context sentence, to keep room for it: words of English run
# about four characters a token; the margin of chunk_budget covers denser scripts.
_LONGEST_CONTEXT = "word " * (CONTEXT_CHARS // 5)


def operation_budget(window: ModelWindow, operation: Operation[Any]) -> int:
    """Most tokens a chunk may have for ``operation`` in ``window`` (room is kept for the
    read-only context sentence that goes before every chunk but the first)."""
    prompt = tokens.count_tokens(
        tokens.get_encoding(window.encoding), operation.render_empty(_LONGEST_CONTEXT)
    )
    return tokens.chunk_budget(
        window.context_tokens,
        prompt + operation.answer_tokens,
        window.max_chunk_tokens,
        output_ratio=operation.prompt.output_ratio,
    )


def plan_chunks(window: ModelWindow, text: str, operation: Operation[Any]) -> list[Chunk]:
    """The chunks ``operation`` sends ``text`` in, each within its budget and with the
    sentence before it as read-only context."""
    return split_into_chunks(
        text,
        operation_budget(window, operation),
        tokens.token_counter(window.encoding),
        with_context=True,
    )


def plan_text(text: str, kind: OperationKind, window: ModelWindow) -> TokenPlan:
    """Count ``text`` and cut it as the model engine would for ``kind`` (default options)."""
    builders: dict[OperationKind, Callable[[], Operation[Any]]] = {
        OperationKind.CHECK: lambda: grammar_operation(CheckOptions().language),
        OperationKind.REWRITE: lambda: rewrite_operation(RewriteOptions()),
        OperationKind.IDEAS: lambda: ideas_operation(IdeaOptions()),
    }
    operation = builders[kind]()
    return TokenPlan(
        encoding=window.encoding,
        context_tokens=window.context_tokens,
        budget=operation_budget(window, operation),
        tokens=tokens.token_counter(window.encoding)(text),
        chunks=tuple(plan_chunks(window, text, operation)),
    )
