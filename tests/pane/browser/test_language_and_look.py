"""The pane in English and Simplified Chinese, light and dark: a long list and an error."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.pane.browser.conftest import OpenPane
from tests.pane.browser.pane import card, error, group_counts, improve, notice, shot, text, write

# 21 issues across the three groups.
LONG = (
    "Their is a error in this sentance. In order to succeed we must utilize the the tools."
    " It is very very unique. At this point in time, the decision was made by the board."
    " Irregardless, we should of known. Alot of people could care less. Me and him goes to"
    " the store everyday. The data are basically really very important. Its a nice day for"
    " it's owner. He don't know nothing about it. Could you please kindly revert back to me."
    " I think we must make a decision with regards to the plan. At the end of the day, we won."
)

WORDS = {
    "en": {
        "improve": "Improve",
        "tabs": ["Issues", "Rewrite", "Ideas", "Authorship"],
        "groups": ["Correctness", "Clarity", "Style"],
        "applied": "Replaced “sentance” with “sentence”.",
        "fix": "Replace with “sentence”",
        "offline": "cannot reach its server",
        "retry": "Retry",
    },
    "zh-CN": {
        "improve": "改进",
        "tabs": ["问题", "改写", "灵感", "写作来源"],
        "groups": ["正确性", "清晰度", "风格"],
        "applied": "已将“sentance”替换为“sentence”。",
        "fix": "替换为“sentence”",
        "offline": "无法连接到服务器",
        "retry": "重试",
    },
}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_the_pane_speaks_the_writers_language(
    open_pane: OpenPane, locale: str, scheme: str
) -> None:
    language = "en" if locale == "en-US" else locale
    words = WORDS[language]
    pane = open_pane(locale=locale, color_scheme=scheme)
    page = pane.page
    name = f"{language}-{scheme}"
    assert page.evaluate("() => document.documentElement.lang") == language
    expect(page.locator('[data-key="improve"]')).to_have_text(words["improve"])
    expect(page.get_by_role("tab")).to_have_text(words["tabs"])
    shot(page, f"{name}-start")

    write(page, LONG)
    improve(page)

    counts = group_counts(page)
    assert list(counts) == words["groups"]
    assert sum(counts.values()) >= 15
    shot(page, f"{name}-issues")
    card(page, "sentance").get_by_role("button", name=words["fix"], exact=True).click()
    assert text(page) == LONG.replace("sentance", "sentence")
    expect(notice(page)).to_have_text(words["applied"])

    pane.expect_console(r"Failed to load resource: net::ERR_CONNECTION_REFUSED")
    page.route("**/v1/improve", lambda route: route.abort("connectionrefused"))
    improve(page)
    expect(error(page)).to_contain_text(words["offline"])
    expect(error(page).get_by_role("button", name=words["retry"])).to_be_visible()
    shot(page, f"{name}-error")
