"""A writer who works in the Chinese interface reads every card in Chinese: our rules'
messages, the learner rules' and Harper's; the fixes stay English, for the document."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.pane.browser.conftest import OpenPane
from tests.pane.browser.pane import card, improve, shot, write

# The errors a Chinese writer makes most, and some of everyone's.
LEARNER = (
    "She is teacher. Yesterday I will go to the bank. I love the nature. Please open the light."
    " Their is a error in this sentance. Me and him goes there. I bought two apple."
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# Cards a writer checks, in each language: the flagged words, the message, the first fix.
CARDS = {
    "en-US": [
        ("teacher", "“teacher” is a singular countable noun and needs an article", "a teacher"),
        ("will go", "“Yesterday” puts this in the past", "went"),
        ("sentance", "Possible spelling mistake: “sentance”.", "sentence"),
    ],
    "zh-CN": [
        ("teacher", "冠词：可数名词单数“teacher”前要加冠词", "a teacher"),
        ("will go", "时态：“Yesterday”表示过去", "went"),
        ("sentance", "可能有拼写错误：“sentance”。", "sentence"),
    ],
}


@pytest.mark.parametrize("locale", ["zh-CN", "en-US"])
def test_every_card_speaks_the_writers_language(open_pane: OpenPane, locale: str) -> None:
    pane = open_pane(locale=locale, viewport={"width": 420, "height": 900})
    page = pane.page
    write(page, LEARNER)
    improve(page)

    for flagged, said, first_fix in CARDS[locale]:
        found = card(page, flagged)
        expect(found.locator(".message")).to_contain_text(said)
        expect(found.locator(".fixes button").first).to_have_text(first_fix)
    messages = page.locator("li.card .message").all_inner_texts()
    assert len(messages) >= 7
    if locale == "zh-CN":
        english_only = [said for said in messages if not CHINESE.search(said)]
        assert english_only == []
    else:
        assert [said for said in messages if CHINESE.search(said)] == []
    shot(page, f"learner-cards-{locale}")
