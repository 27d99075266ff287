"""Key phrases: the ideas a text is about, as it writes them."""

from __future__ import annotations

from addin_server.text.keyphrases import key_phrases
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "clean_prose"


def phrases(text: str, limit: int = 6) -> list[str]:
    return [phrase.text for phrase in key_phrases(text, limit)]


def test_recurring_phrases_and_names_come_first() -> None:
    alice = phrases((CORPUS / "alice_in_wonderland.txt").read_text())
    assert alice[0] == "Alice" and "White Rabbit" in alice
    style = phrases((CORPUS / "elements_of_style.txt").read_text())
    assert style[0] == "active voice"
    austen = phrases((CORPUS / "pride_and_prejudice.txt").read_text(), 8)
    assert {"Bennet", "Netherfield Park"} <= set(austen)


def test_phrases_cover_different_ideas() -> None:
    found = phrases("Rules help. A rule is data. The rules table has rules and more rules.", 5)
    assert len([p for p in found if p.startswith("rule")]) == 1


def test_code_urls_and_stopwords_are_not_phrases() -> None:
    text = "See `cli.py` and https://example.com/page for all that we would do."
    assert phrases(text) == []


def test_the_order_is_determined_by_the_text() -> None:
    text = (CORPUS / "gettysburg_address.txt").read_text()
    assert key_phrases(text) == key_phrases(text)
    assert key_phrases("") == []
