"""The prompt files: complete, versioned, and every template has what it needs."""

from __future__ import annotations

import pytest

from addin_server.engines.llm.prompts import CANARY, PROMPT_NAMES, load_prompt, render
from addin_server.tones import TONES


@pytest.mark.parametrize("name", PROMPT_NAMES)
def test_every_prompt_renders_with_the_text_fenced_and_the_canary_in_the_system(
    name: str,
) -> None:
    prompt = load_prompt(name)
    assert prompt.version >= 1 and prompt.schema["type"] == "object"
    values = {
        "tone": TONES[0].name,
        "formality": "as the text is",
        "length": "about the same length",
        "language": "en-US",
        "kinds": "- 1 “questions”",
    }
    messages = render(prompt, "The writer's own words.", "shorter please", "Before.", **values)
    assert CANARY in messages.system and CANARY not in messages.user
    assert "\nThe writer's own words.\n</text-" in messages.user


@pytest.mark.parametrize("name", ["rewrite", "improve"])
def test_the_slider_tables_have_exactly_their_settings(name: str) -> None:
    tables = load_prompt(name).tables
    assert set(tables["formality"]) == {"-2", "-1", "0", "1", "2"}
    assert set(tables["length"]) == {"shorter", "same", "longer"}


@pytest.mark.parametrize("name", ["rewrite", "grammar", "improve"])
def test_text_operations_read_the_sentence_before_as_fenced_context(name: str) -> None:
    messages = render(
        load_prompt(name),
        "Text.",
        context="The sentence before.",
        tone="x",
        formality="x",
        length="x",
        language="en-US",
    )
    assert "\nThe sentence before.\n</context-" in messages.user
    assert messages.user.index("</context-") < messages.user.index("<text-")
