"""Idea prompts without a model: from the text's key phrases, deterministic, never empty."""

from __future__ import annotations

import pytest

from addin_server.engines.base import IdeaOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.engines.local.ideas import (
    as_written,
    parts_of_speech,
    suggest_ideas,
    templates,
    title_case,
)
from addin_server.records import IdeaKind
from addin_server.text.keyphrases import key_phrases
from tests.conftest import ROOT

ESSAY = (ROOT / "tests" / "data" / "clean_prose" / "elements_of_style.txt").read_text()


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine()


def test_every_kind_has_templates_with_titles() -> None:
    for kind in IdeaKind:
        assert templates()[kind], kind
        assert all(template.title and template.text for template in templates()[kind])


def test_ideas_come_in_the_order_asked_and_use_the_texts_phrases(engine: LocalEngine) -> None:
    kinds = (IdeaKind.HEADLINE, IdeaKind.QUESTIONS, IdeaKind.OUTLINE)
    result = engine.ideas(ESSAY, IdeaOptions(kinds=kinds, count=2))
    assert [idea.kind for idea in result.ideas] == [k for k in kinds for _ in range(2)]
    text = " ".join(idea.text for idea in result.ideas).lower()
    assert "active voice" in text and "{" not in text
    headline = result.ideas[0].text
    assert headline == title_case(headline)
    outline = result.ideas[4].text.splitlines()
    assert [line[:3] for line in outline] == ["1. ", "2. ", "3. "]  # one point a paragraph
    assert "Put statements in positive form" in outline[2]


def test_the_same_text_gives_the_same_ideas(engine: LocalEngine) -> None:
    first = engine.ideas(ESSAY, IdeaOptions(count=4))
    assert first == engine.ideas(ESSAY, IdeaOptions(count=4))
    texts = [idea.text for idea in first.ideas]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize(
    "text", ["It is what it is.", "Hi!", "Budget", "👋 ok", "The 2024 plan: 3 steps, 4 weeks."]
)
def test_any_text_with_words_gets_ideas_of_every_kind(engine: LocalEngine, text: str) -> None:
    result = engine.ideas(text, IdeaOptions(count=3))
    for kind in IdeaKind:
        assert any(idea.kind is kind for idea in result.ideas), kind
    assert all(idea.text.strip() and "{" not in idea.text for idea in result.ideas)


def test_a_text_without_words_gets_no_ideas_and_says_why(engine: LocalEngine) -> None:
    result = engine.ideas("  … 🎉 ", IdeaOptions())
    assert result.ideas == () and result.warnings[0].code == "no-content"


def test_count_caps_each_kind(engine: LocalEngine) -> None:
    result = engine.ideas(ESSAY, IdeaOptions(kinds=(IdeaKind.QUESTIONS,), count=5))
    assert len(result.ideas) == 5


def test_other_languages_are_said_not_guessed(engine: LocalEngine) -> None:
    result = engine.ideas("Das ist ein guter Plan.", IdeaOptions(language="de-DE"))
    assert result.ideas == () and result.warnings[0].code == "language-not-checked"


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [("active voice", "Active Voice"), ("the state of the art", "The State of the Art"),
     ("API design", "API Design")],
)  # fmt: skip
def test_title_case(phrase: str, expected: str) -> None:
    assert title_case(phrase) == expected


def test_ideas_are_about_the_noun_phrases_of_the_text_not_its_verbs() -> None:
    text = (
        "Remote work has changed how teams communicate. Many companies now rely on chat tools "
        "and video calls, which can blur the line between work and home life."
    )
    phrases = [phrase.text for phrase in key_phrases(text, 6, parts_of_speech(text))]
    assert phrases[:2] == ["remote work", "chat tools"]
    assert "teams communicate" not in phrases
    ideas = suggest_ideas(text, IdeaOptions(kinds=(IdeaKind.QUESTIONS,), count=1), "local")
    assert "remote work" in ideas.ideas[0].text


def test_an_idea_uses_a_phrase_as_the_writer_does_with_or_without_an_article(
    engine: LocalEngine,
) -> None:
    text = "Remote work changes how teams communicate. Open the second tab to see the plan."
    assert as_written("remote work", text) == "remote work"  # a mass noun: no article
    assert as_written("second tab", text) == "the second tab"
    assert as_written("this point", text) == "this point"
    ideas = engine.ideas("Remote work changes how teams communicate.", IdeaOptions())
    texts = " ".join(f"{idea.title} {idea.text}" for idea in ideas.ideas)
    assert "remote work" in texts.lower() and "the remote work" not in texts.lower()
