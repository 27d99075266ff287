"""The rule framework: phrase matching, tidy edits, protected text, tables."""

from __future__ import annotations

import pytest

from addin_server.records import Category, Edit, Severity, Span
from addin_server.rules.base import Document, RuleInfo
from addin_server.rules.editing import at_sentence_start, deletion_edit
from addin_server.rules.kinds import PhraseRule
from addin_server.rules.runner import find_issues
from addin_server.rules.tables import DATA, Phrase, load_phrases, rows
from addin_server.text.diff import apply_edits
from addin_server.text.protected import protected_spans

INFO = RuleInfo("style.test", "A test rule.", Category.STYLE, "test", Severity.SUGGESTION, ())


def fixed(rule: PhraseRule, text: str) -> str:
    edits = [Edit(i.span, i.replacements[0]) for i in rule.find(Document(text)) if i.replacements]
    return apply_edits(text, edits)


def flagged(rule: PhraseRule, text: str) -> list[str]:
    return [text[i.span.start : i.span.end] for i in rule.find(Document(text))]


DELETE = PhraseRule(INFO, {"basically": Phrase(("",)), "very": Phrase(("",))})
REPLACE = PhraseRule(INFO, {"in order to": Phrase(("to",)), "end result": Phrase(("result",))})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Basically, we won.", "We won."),
        ("Basically we won.", "We won."),
        ("We won. Basically, it was easy.", "We won. It was easy."),
        ("“Basically, we won,” she said.", "“We won,” she said."),
        ("We, basically, won.", "We won."),
        ("We won, basically.", "We won."),
        ("We basically won.", "We won."),
        ("Basically, iPhone sales grew.", "iPhone sales grew."),
        ("It was a very important day.", "It was an important day."),
        ("It was an very good day.", "It was a good day."),
        ("BASICALLY, WE WON.", "WE WON."),
    ],
)
def test_deletions_leave_the_sentence_right(text: str, expected: str) -> None:
    assert fixed(DELETE, text) == expected


def test_a_deletion_that_would_empty_the_sentence_is_flagged_without_a_fix() -> None:
    [issue] = DELETE.find(Document("Basically."))
    assert issue.replacements == ()
    assert deletion_edit("Basically!", Span(0, 9)) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In order to win, train.", "To win, train."),
        ("IN ORDER TO WIN", "TO WIN"),
        ("We met in  order\nto plan.", "We met to plan."),
        ("It was an end result we liked.", "It was a result we liked."),
        ("An end result is near.", "A result is near."),
    ],
)
def test_replacements_keep_case_spacing_and_articles(text: str, expected: str) -> None:
    assert fixed(REPLACE, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The border guards ordered us.",  # inside other words
        "See https://example.com/in-order-to today.",  # a URL
        "Write to end.result@example.com now.",  # an e-mail address
        "Call `in order to` in code.",  # inline code
        "The end-result-driven plan.",  # a hyphenated compound
        "Use in_order_to or inOrderTo.",  # identifiers
    ],
)
def test_phrases_are_not_found_inside_words_urls_or_code(text: str) -> None:
    assert flagged(REPLACE, text) == []


def test_guards_rule_out_other_uses() -> None:
    hedge = PhraseRule(INFO, {"kind of": Phrase(("",), not_after=frozenset({"a", "what"}))})
    assert flagged(hedge, "It is kind of slow.") == ["kind of "]
    assert flagged(hedge, "What kind of tea? A kind of tea.") == []


def test_the_runner_applies_disabled_rules_and_categories() -> None:
    document = Document("We met in order to plan.")
    assert find_issues([REPLACE], document)[0]
    assert find_issues([REPLACE], document, disabled=frozenset({"style.test"})) == ([], [])
    assert find_issues([REPLACE], document, categories=frozenset({"clarity"})) == ([], [])
    assert find_issues([REPLACE], document, categories=frozenset({"style"}))[0]


@pytest.mark.parametrize(
    ("offset", "expected"), [(0, True), (8, True), (9, True), (3, False), (14, False)]
)
def test_sentence_starts(offset: int, expected: bool) -> None:
    text = "We won. “Yes” he said"
    assert at_sentence_start(text, offset) is expected


def test_protected_spans_find_identifiers_not_prose() -> None:
    text = "Use Office.js, snake_case, camelCase, python3 and UTF-16 (see https://a.b/c)."
    found = [text[s.start : s.end] for s in protected_spans(text)]
    assert found == ["Office.js", "snake_case", "camelCase", "python3", "UTF-16", "https://a.b/c"]
    assert protected_spans("Plain words, nothing else.") == []


def test_keyboard_shortcuts_are_protected() -> None:
    text = "Press Ctrl+S, then Cmd+Shift+P, Alt+F4 or ctrl+alt+delete; a C+ and an A+ are prose."
    found = [text[s.start : s.end] for s in protected_spans(text)]
    assert found == ["Ctrl+S", "Cmd+Shift+P", "Alt+F4", "ctrl+alt+delete"]


def test_the_wordiness_table_has_at_least_150_pairs_with_fixes() -> None:
    pairs = [p for p in load_phrases("wordy_phrases.tsv").values() if p.preferred]
    assert len(pairs) >= 150


@pytest.mark.parametrize("table", sorted(path.name for path in DATA.glob("*.tsv")))
def test_every_table_row_is_well_formed(table: str) -> None:
    for cells in rows(DATA / table):
        assert cells[0] and cells[0] == cells[0].strip(), (table, cells)
        assert len(cells) <= 3, (table, cells)
