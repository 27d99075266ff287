"""Details a writer notices: an unchecked text never claims to have no issues, rules are named
in words, and a card's context never shows half an emoji."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.pane.browser.pane import card, improve, notice, wait_idle, write

LONE_SURROGATE = r"/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/"


def test_a_rewrite_alone_does_not_claim_the_text_has_no_issues(page: Page) -> None:
    write(page, "Their is a error in this sentance.")
    page.get_by_role("tab", name="Rewrite").click()
    page.get_by_role("button", name="Rewrite", exact=True).click()
    wait_idle(page)
    page.get_by_role("tab", name="Issues").click()
    expect(page.locator(".panel")).not_to_contain_text("No issues found", timeout=1000)


def test_the_ignored_rule_is_named_in_words(page: Page) -> None:
    write(page, "In order to win, we must try.")
    improve(page)
    card(page, "In order to").get_by_role("button", name="Ignore rule").click()
    expect(notice(page)).to_contain_text("“Wordiness”", timeout=1000)


def test_a_cards_context_never_splits_an_emoji(page: Page) -> None:
    write(page, "👋" * 40 + " Their is a error here.")
    improve(page)
    contexts = page.locator("li.card .context").all_text_contents()
    assert contexts
    assert not page.evaluate(
        f"(texts) => texts.some((text) => {LONE_SURROGATE}.test(text))", contexts
    )
