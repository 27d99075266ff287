"""The model engine over any OpenAI-compatible endpoint (see :mod:`.engine`)."""

from __future__ import annotations

from addin_server.config import ChunkingSettings, ModelSettings
from addin_server.engines.base import Engine
from addin_server.engines.llm.breaker import BreakerState
from addin_server.engines.llm.client import LlmConfig
from addin_server.engines.llm.engine import LlmEngine
from addin_server.engines.llm.errors import LlmError
from addin_server.engines.llm.places import ModelPlaces
from addin_server.engines.llm.spending import TokenBudget

__all__ = ["LlmConfig", "LlmEngine", "LlmError", "build_llm_engine"]


def build_llm_engine(
    model: ModelSettings,
    chunking: ChunkingSettings,
    local: Engine,
    budget: TokenBudget | None = None,
    breaker_state: BreakerState | None = None,
    places: ModelPlaces | None = None,
) -> LlmEngine | None:
    """The model engine of ``model`` (its chunks cut by ``chunking``), falling back to
    ``local`` (also once the payer's ``budget`` is spent, while the circuit in
    ``breaker_state`` is open, or when every place for the model is taken); ``None`` when
    no model is configured."""
    config = LlmConfig.from_settings(model, chunking)
    if not config:
        return None
    return LlmEngine(config, local, budget=budget, breaker_state=breaker_state, places=places)
