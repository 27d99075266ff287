"""Who wrote the text an answer carries: the engine that answered, its model and prompt.

The pane records it in the writer's own document when the writer accepts the text (see the
README's "Authorship"); the server keeps nothing of it. It names the model as this server
calls it (``ADDIN_LLM_MODEL``), never the endpoint or a key, and it holds no text.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from addin_server.engines.llm.engine import LlmEngine
from addin_server.engines.llm.locate import RULE_ID as MODEL_RULE_ID
from addin_server.engines.llm.prompts import load_prompt

Operation = Literal["check", "rewrite", "ideas", "improve"]

# The prompt file (addin_server/prompts/<name>.toml) each operation runs on the model; its
# version is read from the file itself.
PROMPTS: dict[Operation, str] = {
    "check": "grammar",
    "rewrite": "rewrite",
    "ideas": "ideas",
    "improve": "improve",
}
# Issues with these rule ids carry replacements the model wrote (its deep check).
MODEL_RULES = (MODEL_RULE_ID,)
_URL_PART = re.compile(r"^[a-z][a-z0-9+.-]*://[^/]*/?", re.IGNORECASE)


def provenance_json(
    operation: Operation, engine: str, model: str | None, *, checked_by: str | None = None
) -> dict[str, Any]:
    """The ``provenance`` of an answer whose text ``engine`` wrote; ``checked_by`` is the
    engine whose issues it carries (check and improve answers)."""
    generated = engine == LlmEngine.name
    checked_by_model = checked_by == LlmEngine.name
    prompt = load_prompt(PROMPTS[operation]) if generated or checked_by_model else None
    return {
        "engine": engine,
        "model": model_name(model) if generated or checked_by_model else None,
        "prompt_version": prompt.label if prompt else None,
        "generated": generated,
        "model_rules": list(MODEL_RULES) if checked_by_model else [],
    }


def model_name(configured: str | None) -> str | None:
    """The model's name to show: a name given as a URL loses its scheme and host."""
    if not configured:
        return None
    return _URL_PART.sub("", configured.strip()) or None
