"""The ``chunking`` section: how a long text is counted and cut for a model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import setting


@dataclass(frozen=True)
class ChunkingSettings:
    """How a long text is counted in tokens and cut into chunks that fit a model's context
    window. Known OpenAI models bring their own encoding and window; any other name (a local
    model under vLLM, Ollama or `llama.cpp`) uses the first two."""

    TITLE: ClassVar[str] = "Chunking and tokens"

    encoding: str = setting(
        "o200k_base",
        values.encoding_name,
        "Token encoding for models the server does not know.",
    )
    context_tokens: int = setting(
        8192,
        values.token_count,
        "Context window assumed for models the server does not know (local models): set it "
        "to the `--ctx-size` / `num_ctx` your server really uses.",
    )
    max_chunk_tokens: int = setting(
        2000,
        values.token_count,
        "Largest chunk of a long text sent to a model in one call, in tokens.",
    )
