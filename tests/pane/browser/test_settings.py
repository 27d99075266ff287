"""Ignored rules and the writer's dictionary: they persist across reloads and can be undone."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.pane.browser.pane import card, improve, notice, shot, text, write

TEXT = "Thank you for you're help, Zorbulak. In order to win, we must try."


def open_settings(page: Page) -> None:
    """Open Settings from the header's gear."""
    page.get_by_role("button", name="Settings", exact=True).click()
    expect(page.locator("section.settings")).to_be_visible()


def test_an_ignored_rule_stays_ignored_after_a_reload_until_restored(page: Page) -> None:
    write(page, TEXT)
    improve(page)
    expect(card(page, "In order to")).to_have_count(1)

    card(page, "In order to").get_by_role("button", name="Ignore rule").click()

    expect(card(page, "In order to")).to_have_count(0)
    expect(notice(page)).to_contain_text("Undo in Settings")
    page.reload(wait_until="networkidle")
    assert text(page) == TEXT  # the browser host keeps the draft
    improve(page)
    expect(card(page, "you're")).to_have_count(1)
    expect(card(page, "In order to")).to_have_count(0)

    open_settings(page)
    rules = page.locator(".settings .setting-list").filter(has_text="Ignored rules")
    expect(rules.locator(".tag")).to_have_text(["Wordiness×"])
    shot(page, "05-settings")
    rules.get_by_role("button", name="Remove “Wordiness”").click()
    expect(rules).to_contain_text("No ignored rules.")
    improve(page)
    expect(card(page, "In order to")).to_have_count(1)


def test_a_word_added_to_the_dictionary_is_no_longer_flagged(page: Page) -> None:
    write(page, TEXT)
    improve(page)

    card(page, "Zorbulak").get_by_role("button", name="Add to dictionary").click()

    expect(card(page, "Zorbulak")).to_have_count(0)
    expect(notice(page)).to_have_text("Added “Zorbulak” to your dictionary.")
    page.reload(wait_until="networkidle")
    improve(page)
    expect(card(page, "you're")).to_have_count(1)
    expect(card(page, "Zorbulak")).to_have_count(0)

    open_settings(page)
    words = page.locator(".settings .setting-list").filter(has_text="Your dictionary")
    expect(words.locator(".tag")).to_have_text(["Zorbulak×"])
    words.get_by_role("button", name="Remove “Zorbulak”").click()
    improve(page)
    expect(card(page, "Zorbulak")).to_have_count(1)


def test_ignore_hides_only_that_occurrence(page: Page) -> None:
    write(page, "Their is a error. Their was a cat.")
    improve(page)
    expect(page.locator("li.card").filter(has_text="Did you mean")).to_have_count(2)

    card(page, "Their").first.get_by_role("button", name="Ignore", exact=True).click()

    expect(card(page, "Their")).to_have_count(1)
    expect(card(page, "Their").locator(".context")).to_contain_text("was a cat")
