"""Tone rewrites without a model: each transform on before/after pairs (emoji, quotes and
mixed case included), the sliders, and honest warnings for what needs a model."""

from __future__ import annotations

import pytest

from addin_server.engines.base import Length, RewriteOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.text.diff import apply_edits


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine()


def rewrite(engine: LocalEngine, text: str, **options: object) -> str:
    result = engine.rewrite(text, RewriteOptions(**options))  # type: ignore[arg-type]
    assert result.engine == "local"
    assert apply_edits(text, result.edits) == result.rewritten
    return result.rewritten


FORMAL = [
    ("I'm gonna tell the kids.", "I am going to tell the children."),
    ("It's been fun 😀, don't you think?", "It has been fun 😀, do you not think?"),
    ("We've got a lot of work!!!", "We have got a great deal of work!"),
    ("A lot of people came. Lots of the time, they stay.",
     "Many people came. Much of the time, they stay."),
    ("“Don't go,” she said. DON'T GO!!", "“Do not go,” she said. DO NOT GO!"),
    ("Thanks a lot, we found out why.", "Thank you very much, we discovered why."),
    ("Isn’t it great?! Yeah.", "Is it not great? Yes."),
    ("Hey guys, I dunno.", "Hello everyone, I do not know."),
    ("Pls reply asap, imo it matters.",
     "Please reply as soon as possible, in my opinion it matters."),
]  # fmt: skip


@pytest.mark.parametrize(("before", "after"), FORMAL)
def test_formal(engine: LocalEngine, before: str, after: str) -> None:
    assert rewrite(engine, before, tone="formal") == after


def test_very_formal_drops_exclamations(engine: LocalEngine) -> None:
    assert rewrite(engine, "Thanks! We won!! 🎉", tone="formal", formality=1) == (
        "Thank you. We won. 🎉"
    )


CASUAL = [
    ("I am sure it is late. Do not go!", "I'm sure it's late. Don't go!"),
    ("We will not utilize the server.", "We won't use the server."),
    ("I know what it is. What is it?", "I know what it is. What is it?"),
    ("I have a dog. I have been there.", "I have a dog. I've been there."),
    ("“It is fine,” she said. 😀 I AM NOT SURE.", "“It's fine,” she said. 😀 I'M NOT SURE."),
    ("It’s done; they are not here.", "It’s done; they aren’t here."),
    ("See https://example.com/do-not-enter now.", "See https://example.com/do-not-enter now."),
]


@pytest.mark.parametrize(("before", "after"), CASUAL)
def test_casual(engine: LocalEngine, before: str, after: str) -> None:
    assert rewrite(engine, before, tone="casual") == after


FRIENDLY = [
    ("I am happy to help. We cannot do that, but we will try.",
     "I'm happy to help. We can't do that, but we'll try."),
    ("You are welcome 🙂. Do not worry.", "You're welcome 🙂. Don't worry."),
    ("We will commence at noon.", "We'll commence at noon."),
    ("“We are ready,” he said. WE ARE NOT LATE.", "“We're ready,” he said. WE AREN'T LATE."),
]  # fmt: skip


@pytest.mark.parametrize(("before", "after"), FRIENDLY)
def test_friendly(engine: LocalEngine, before: str, after: str) -> None:
    assert rewrite(engine, before, tone="friendly") == after


CONCISE = [
    ("Basically, in order to win, we made a decision to plan ahead.",
     "To win, we decided to plan."),
    ("At this point in time, the end result is very good.", "Now, the result is good."),
    ("It was an end result 👍 we liked.", "It was a result 👍 we liked."),
    ("“In order to win,” he said, “we train.”", "“To win,” he said, “we train.”"),
    ("IN ORDER TO WIN, WE TRAIN.", "TO WIN, WE TRAIN."),
    ("At the end of the day, it is what it is.", "Ultimately, it is what it is."),
]  # fmt: skip


@pytest.mark.parametrize(("before", "after"), CONCISE)
def test_concise(engine: LocalEngine, before: str, after: str) -> None:
    assert rewrite(engine, before, tone="concise") == after


def test_length_shorter_applies_the_concise_transforms(engine: LocalEngine) -> None:
    assert rewrite(engine, "Basically, the end result was good.", length=Length.SHORTER) == (
        "The result was good."
    )


CONFIDENT = [
    ("I think we should go.", "We should go."),
    ("The plan is sort of risky, but perhaps it works.", "The plan is risky, but it works."),
    ("“Maybe we win,” she said 🙂.", "“We win,” she said 🙂."),
    ("What kind of plan is it?", "What kind of plan is it?"),
    ("I THINK WE WON. “Perhaps,” she said.", "WE WON. “Perhaps,” she said."),
]


@pytest.mark.parametrize(("before", "after"), CONFIDENT)
def test_confident(engine: LocalEngine, before: str, after: str) -> None:
    assert rewrite(engine, before, tone="confident") == after


SIMPLE = [
    ("We will utilize approximately 300 servers.", "We will use about 300 servers."),
    ("Subsequently, we commenced the modifications.", "Later, we started the changes."),
    ("The study has demonstrated a link.", "The study has shown a link."),
    (
        "“We must utilize it,” she said. UTILIZE THE SERVER.",
        "“We must use it,” she said. USE THE SERVER.",
    ),
    (
        "We will utilize the new server in order to handle the requests of all our users, "
        "and we expect that it will be enough for the rest of the year.",
        "We will use the new server to handle the requests of all our users. We expect that "
        "it will be enough for the rest of the year.",
    ),
    (
        "The team reviewed every chapter of the draft with great care; however, the editors "
        "still found several small errors 😬 in the final pages.",
        "The team reviewed every chapter of the draft with great care. However, the editors "
        "still found several small errors 😬 in the final pages.",
    ),
    (
        "The committee met on Monday to discuss the budget for next year, but the members "
        "could not agree on the final figures.",
        "The committee met on Monday to discuss the budget for next year. But the members "
        "could not agree on the final figures.",
    ),
]


@pytest.mark.parametrize(("before", "after"), SIMPLE)
def test_simple(engine: LocalEngine, before: str, after: str) -> None:
    assert rewrite(engine, before, tone="simple") == after


def test_short_sentences_and_lists_are_not_split(engine: LocalEngine) -> None:
    text = "We bought apples, pears, and plums, and it rained."
    assert rewrite(engine, text, tone="simple") == text


def test_every_rewrite_applies_the_sure_grammar_fixes(engine: LocalEngine) -> None:
    assert rewrite(engine, "It was a error.", tone="casual") == "It was an error."


@pytest.mark.parametrize("tone", ["persuasive", "empathetic"])
def test_tones_that_need_a_model_are_said_not_faked(engine: LocalEngine, tone: str) -> None:
    text = "It was a error. We cannot go."
    result = engine.rewrite(text, RewriteOptions(tone=tone))
    assert result.rewritten == "It was an error. We cannot go."
    [notice] = result.warnings
    assert notice.code == "tone-not-available-locally" and tone in notice.message


def test_academic_is_formal_and_says_what_it_could_not_do(engine: LocalEngine) -> None:
    result = engine.rewrite("It's kinda cool!!", RewriteOptions(tone="academic"))
    assert result.rewritten == "It is somewhat cool!"
    assert [notice.code for notice in result.warnings] == ["tone-partly-available-locally"]


def test_longer_and_instructions_need_a_model(engine: LocalEngine) -> None:
    result = engine.rewrite(
        "It was good.", RewriteOptions(length=Length.LONGER, instruction="add a joke")
    )
    assert result.rewritten == "It was good."
    codes = [notice.code for notice in result.warnings]
    assert codes == ["length-not-available-locally", "instruction-needs-a-model"]


def test_the_formality_slider_moves_the_tone(engine: LocalEngine) -> None:
    text = "I am sure it's gonna work."
    assert rewrite(engine, text) == text
    assert rewrite(engine, text, formality=1) == "I am sure it is going to work."
    assert rewrite(engine, text, formality=-1) == "I'm sure it's gonna work."
    assert rewrite(engine, text, tone="formal", formality=-1) == text  # the slider offsets


def test_rewrites_are_deterministic_and_leave_clean_text_alone(engine: LocalEngine) -> None:
    text = "We met on Monday. The plan worked."
    for tone in ("formal", "casual", "friendly", "concise", "confident", "simple"):
        assert rewrite(engine, text, tone=tone) == text
    messy = "Basically, I'm gonna say it's kinda great!!! 😀"
    assert rewrite(engine, messy, tone="formal") == rewrite(engine, messy, tone="formal")
