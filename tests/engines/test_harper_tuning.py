"""Harper's noisy defaults are quieted with reasons, and real errors still come through."""

from __future__ import annotations

import pytest

from addin_server.engines.base import CheckOptions, Markup
from addin_server.engines.local import harper as harper_backend
from addin_server.engines.local.engine import LocalEngine
from addin_server.engines.local.harper_tuning import CATEGORY_OF_RULE, QUIET_BY_DEFAULT
from addin_server.records import Category


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine()


def correctness(engine: LocalEngine, text: str, **options: object) -> list[str]:
    result = engine.check(text, CheckOptions(**options))  # type: ignore[arg-type]
    return [
        text[i.span.start : i.span.end] for i in result.issues if i.category is Category.CORRECTNESS
    ]


def test_every_quieted_rule_exists_and_says_why() -> None:
    harper_rules = harper_backend.rule_descriptions()
    for name, reason in {**QUIET_BY_DEFAULT, **{k: "x" for k in CATEGORY_OF_RULE}}.items():
        assert name in harper_rules and len(reason) > 0
        assert harper_backend.default_config().get(name) is (name not in QUIET_BY_DEFAULT)


@pytest.mark.parametrize(
    "text",
    [
        "He said that that was fine.",
        "She had had enough.",
        "The world will little note what we say.",
        "It was a damp, drizzly November.",
        "Some one or other of them came.",
        "Our tool reads Office.js, python3 and UTF-16 files.",
        # Plurals and possessives of hyphenated compounds whose parts are words.
        "Office loads add-ins over HTTPS; the plug-ins and stand-ins load later.",
        "Log-ins and check-ins rose, and the add-on's menu moved.",
        # Keyboard shortcuts.
        "Press Ctrl+S to save, Cmd+Shift+P for commands and Alt+F4 to quit.",
        # "to" joining the ends of a range.
        "Edits are applied last to first, and read front to back.",
        # An acronym before a noun after "their".
        "The servers keep only their SHA-256 hashes and their TLS keys.",
        # A participle as an adjective after the preposition "to".
        "Access is limited to allowed origins, and the files go to selected folders.",
        # A comment tagged on after a comma is not a second sentence.
        "It was hard, I guess. The plan was odd, it seems.",
        # Unit symbols after a number.
        "The timeout is 30 s, a check takes 10 ms and 2 s and the cache holds 64 MB.",
        # A compound adjective after a linking verb takes no hyphens.
        "The reference is out of date, and the docs are now out of date too.",
    ],
)
def test_sound_sentences_get_no_correctness_issue(engine: LocalEngine, text: str) -> None:
    assert correctness(engine, text) == []


def test_possessive_of_a_writers_term_is_no_misspelling(engine: LocalEngine) -> None:
    text = "Zendaro's installer and Penwise's server agree."
    assert correctness(engine, text, dictionary=frozenset({"Zendaro"})) == []
    assert "docter's" in correctness(engine, "We went to the docter's office.")


def test_markdown_lists_finishing_a_sentence_and_bold_labels(engine: LocalEngine) -> None:
    text = (
        "The installer accepts:\n\n- files on the local disk;\n- what the team lists.\n\n"
        "1. **Create new test**: version **Latest build**.\n\n"
        "The `data` field is `/v2/check`'s input.\n"
    )
    assert correctness(engine, text, markup=Markup.MARKDOWN) == []
    # Without the colon, a lowercase item is a sentence start again.
    text = "The installer accepts files.\n\n- files on the local disk.\n"
    assert "files" in correctness(engine, text, markup=Markup.MARKDOWN)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("I saw the the cat.", "the the"),
        ("He gave me an information.", "an information"),
        ("We need some one to help.", "some one"),
        ("This sentance has a typo.", "sentance"),
        # The tuning above must not reach these.
        ("We met the add-onz and the check-inss.", "onz"),
        ("We met the add-onz and the check-inss.", "inss"),
        ("We re-arange the room.", "arange"),
        ("They read about the dinosaurs's habits.", "dinosaurs's"),
        ("Ask own's weaker subject.", "own's"),
        ("Their going to be late.", "Their"),
        ("It is to late.", "to"),
        ("I need to selected people.", "to selected"),
        ("I want to allowed him in.", "to allowed"),
        ("It was late, we left.", ", we"),
        ("It was hard, I guess we lost.", ", I"),
        ("He has s cat.", "s cat"),
        ("The s was late.", "s"),
        ("We read an out of date list.", "out of date"),
    ],
)
def test_real_errors_still_come_through(engine: LocalEngine, text: str, flagged: str) -> None:
    assert flagged in correctness(engine, text)


def test_a_quieted_rule_can_be_switched_on_per_request(engine: LocalEngine) -> None:
    text = "He said that that was fine."
    enabled = engine.check(text, CheckOptions(enabled_rules=frozenset({"harper.ThatWhich"})))
    assert "harper.ThatWhich" in {issue.rule_id for issue in enabled.issues}


def test_markdown_tables_and_text_after_code_are_not_sentence_starts(engine: LocalEngine) -> None:
    table = "| name | meaning |\n| --- | --- |\n| `a` | the first one |\n\n"
    text = table + "```\nx\n```\n\nreturns one.\n"
    assert correctness(engine, text, markup=Markup.MARKDOWN) == []
    assert "the" in correctness(engine, "It works. the end.")


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Wait... what happened?", "harper.UseEllipsisCharacter"),
        ("He lived there in 1990-1995.", "harper.NumericRangeEnDash"),
        ("The cache holds 64 MB.", "harper.ExpandMemoryShorthands"),
        ("It takes 10 ms.", "harper.ExpandTimeShorthands"),
    ],
)
def test_typography_is_offered_as_style_not_as_an_error(
    engine: LocalEngine, text: str, rule: str
) -> None:
    issues = [i for i in engine.check(text, CheckOptions()).issues if i.rule_id == rule]
    assert issues and all(i.category is Category.STYLE for i in issues)
