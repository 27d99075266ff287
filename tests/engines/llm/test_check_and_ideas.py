"""Deep grammar, ideas and improve through the model engine, against the loopback server."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable

import pytest

from addin_server.engines.base import CheckOptions, IdeaOptions, RewriteOptions
from addin_server.engines.improve import improve
from addin_server.engines.llm import LlmEngine
from addin_server.records import IdeaKind
from tests.model_server import Call, ModelServer, Reply

EngineFactory = Callable[..., LlmEngine]


def edits_reply(*edits: dict) -> Reply:
    """A grammar answer with these edits (explanation and category filled in)."""
    full = [
        {"explanation": "Fix it.", "category": "correctness", "offset": 0, **edit} for edit in edits
    ]
    return Reply(content=json.dumps({"edits": full}))


def test_model_edits_are_located_in_the_text_and_merged_with_harpers(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    text = "Their is a error here. The results was clear."
    model.script(
        edits_reply(
            {"quote": "results was", "replacement": "results were", "offset": 27},
            {"quote": "Their is", "replacement": "There is"},  # Harper's issue wins
            {"quote": "nowhere in the text", "replacement": "x"},  # dropped
        )
    )
    # Our own agreement rule would catch "was" first; this test is about the model's edits.
    options = CheckOptions(disabled_rules=frozenset({"grammar.subject_verb_agreement"}))
    result = make_engine().check(text, options)
    by_rule = {(issue.rule_id, text[issue.span.start : issue.span.end]) for issue in result.issues}
    assert ("llm.grammar", "results was") in by_rule
    assert ("harper.TheirToThere", "Their") in by_rule
    assert not any(flagged == "Their is" for _, flagged in by_rule)
    assert not any(flagged == "nowhere in the text" for _, flagged in by_rule)
    [model_issue] = [issue for issue in result.issues if issue.rule_id == "llm.grammar"]
    assert model_issue.replacements == ("results were",) and model_issue.message == "Fix it."
    assert result.engine == "llm" and not result.degraded
    spans = [issue.span for issue in result.issues]
    assert all(not a.overlaps(b) for a, b in itertools.pairwise(spans))


def test_a_repeated_quote_is_placed_nearest_the_models_hint(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    text = "The cat sat. The dog sat. The bird sat quietly on a branch."
    model.script(edits_reply({"quote": "sat", "replacement": "perched", "offset": 40}))
    [issue] = [
        i for i in make_engine().check(text, CheckOptions()).issues if i.rule_id == "llm.grammar"
    ]
    assert issue.span.start == text.index("sat quietly")


def test_disabling_the_model_rule_skips_the_model(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    result = make_engine().check(
        "Their is a error.", CheckOptions(disabled_rules=frozenset({"llm.grammar"}))
    )
    assert model.calls == [] and result.issues


def test_a_failed_deep_check_keeps_the_local_issues(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    model.script(then=Reply(status=502))
    text = "Their is a error."
    result = make_engine(llm_max_retries=0).check(text, CheckOptions())
    assert {text[i.span.start : i.span.end] for i in result.issues} == {"Their", "a"}
    assert result.engine == "local" and result.degraded
    assert result.warnings[-1].code == "llm-server-error"


def test_ideas_come_in_the_order_and_number_asked(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    options = IdeaOptions(kinds=(IdeaKind.HEADLINE, IdeaKind.QUESTIONS), count=2)
    result = make_engine().ideas("Cities should plant more trees along busy streets.", options)
    assert [(idea.kind.value, idea.title) for idea in result.ideas] == [
        ("headline", "headline 1"),
        ("headline", "headline 2"),
        ("questions", "questions 1"),
        ("questions", "questions 2"),
    ]
    schema = model.calls[0].body["response_format"]["json_schema"]["schema"]
    assert schema["properties"]["ideas"]["items"]["properties"]["kind"]["enum"] == [
        "headline",
        "questions",
    ]


def test_ideas_of_kinds_not_asked_for_are_dropped(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    ideas = [
        {"kind": "outline", "title": "Outline", "text": "One, two."},
        {"kind": "questions", "title": "Why?", "text": "Why trees?"},
    ]
    model.script(Reply(content=json.dumps({"ideas": ideas})))
    options = IdeaOptions(kinds=(IdeaKind.QUESTIONS,), count=3)
    result = make_engine(llm_response_format="none").ideas("Plant trees.", options)
    assert [idea.title for idea in result.ideas] == ["Why?"]


def test_ideas_the_model_cannot_give_come_from_the_local_engine(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    model.script(then=Reply(status=500))
    engine = make_engine(llm_max_retries=0)
    result = engine.ideas("Plant trees.", IdeaOptions(kinds=(IdeaKind.QUESTIONS,), count=1))
    assert result.engine == "local" and result.degraded
    assert result.warnings[0].code == "llm-server-error"
    assert [idea.kind for idea in result.ideas] == [IdeaKind.QUESTIONS]


def test_improve_asks_once_per_chunk_for_issues_and_a_rewrite(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    text = "I will recieve teh parcel. Plz call."
    checked, rewritten = improve(
        make_engine(), text, CheckOptions(), RewriteOptions(tone="friendly")
    )
    assert len(model.calls) == 1 and model.calls[0].operation == "improve"
    assert rewritten.rewritten == "I will receive the parcel. Plz call."
    assert any(text[i.span.start : i.span.end] == "recieve" for i in checked.issues)
    assert checked.engine == rewritten.engine == "llm"


@pytest.mark.parametrize("mode", ["json_schema", "json_object", "none"])
def test_every_response_format_mode_reads_the_answer(
    model: ModelServer, make_engine: EngineFactory, mode: str
) -> None:
    result = make_engine(llm_response_format=mode).rewrite("We recieve.", RewriteOptions())
    assert result.rewritten == "We receive." and not result.degraded
    sent = model.calls[0].body.get("response_format")
    assert (sent or {}).get("type") == (None if mode == "none" else mode)


def test_a_fenced_answer_with_prose_around_it_is_still_read(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    def chatty(call: Call) -> str:
        return 'Here you go:\n```json\n{"rewritten": "We receive."}\n```\nAnything else?'

    model.script(Reply(content=chatty))
    result = make_engine(llm_response_format="none").rewrite("We recieve.", RewriteOptions())
    assert result.rewritten == "We receive." and not result.degraded
