"""Improve, the issue cards, and fixes applied at exactly their place in the document."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.pane.browser.pane import (
    Pane,
    card,
    error,
    fix,
    group_counts,
    improve,
    notice,
    select,
    shot,
    text,
    wait_idle,
    write,
)

# Three correctness issues, one clarity, two style, after an emoji of two UTF-16 code points
# plus a skin-tone modifier, so code points and UTF-16 offsets differ.
TEXT = (
    "👋🏽 Their is a error in this sentance. In order to win, I think we should go."
    " At the end of the day, we won."
)


def test_cards_are_grouped_and_fixes_land_at_their_place(page: Page) -> None:
    shot(page, "01-empty")
    write(page, TEXT)
    improve(page)

    assert group_counts(page) == {"Correctness": 3, "Clarity": 1, "Style": 2}
    expect(page.locator("#tab-issues .count")).to_have_text("6")
    expect(page.locator(".status .facts").first).to_contain_text("checked the whole document")
    expect(card(page, "sentance").locator(".context")).to_have_text(
        "👋🏽 Their is a error in this sentance."
    )
    shot(page, "02-issues")

    fix(page, "sentance", "sentence")
    expected = TEXT.replace("sentance", "sentence")
    assert text(page) == expected
    expect(card(page, "sentance")).to_have_count(0)
    expect(notice(page)).to_have_text("Replaced “sentance” with “sentence”.")
    assert group_counts(page) == {"Correctness": 2, "Clarity": 1, "Style": 2}

    # A deletion shortens the text; the cards after it must still land on their words.
    fix(page, "I think", "")
    expected = expected.replace("I think ", "")
    assert text(page) == expected
    fix(page, "At the end of the day", "Ultimately")
    expected = expected.replace("At the end of the day", "Ultimately")
    assert text(page) == expected
    fix(page, "a", "an")
    expected = expected.replace(" a error", " an error")
    assert text(page) == expected
    assert text(page).startswith("👋🏽 Their is an error in this sentence. ")
    assert group_counts(page) == {"Correctness": 1, "Clarity": 1}
    shot(page, "03-after-fixes")


def test_enter_key_improves(page: Page) -> None:
    write(page, TEXT)
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("Enter")
    wait_idle(page)
    assert sum(group_counts(page).values()) == 6
    # Enter inside the document is a new line, not a check.
    page.locator("#document-text").press("End")
    page.locator("#document-text").press("Enter")
    assert text(page) == TEXT + "\n"


def test_a_card_whose_words_changed_is_dropped_not_applied(page: Page) -> None:
    write(page, TEXT)
    improve(page)
    changed = TEXT.replace("sentance", "sentense")
    write(page, changed)

    fix(page, "sentance", "sentence")

    assert text(page) == changed
    expect(notice(page)).to_contain_text("text has changed")
    expect(card(page, "sentance")).to_have_count(0)
    expect(error(page)).to_have_count(0)


def test_a_card_after_words_the_writer_inserted_is_not_applied_blindly(page: Page) -> None:
    write(page, TEXT)
    improve(page)
    changed = "Hello. " + TEXT
    write(page, changed)

    fix(page, "sentance", "sentence")

    assert text(page) == changed
    expect(notice(page)).to_contain_text("text has changed")


def test_only_the_selection_is_checked_and_fixed_in_place(page: Page) -> None:
    first = "Their is a error here. "
    second = "Thank you for you're help."
    third = " The sentance is long."
    write(page, first + second + third)
    select(page, len(first), len(first) + len(second))

    improve(page)

    expect(page.locator("li.card")).to_have_count(1)
    expect(card(page, "you're")).to_have_count(1)
    expect(page.locator(".status .facts").first).to_contain_text("Checked your selection")
    fix(page, "you're", "your")
    assert text(page) == first + "Thank you for your help." + third
    expect(page.locator(".panel .success")).to_have_text("No issues found. Nicely written.")


def test_document_text_is_shown_as_text_never_as_markup(pane: Pane) -> None:
    page = pane.page
    hostile = "<img src=x onerror=alert(1)> Their is a error here."
    write(page, hostile)

    improve(page)

    assert pane.dialogs == []
    expect(page.locator("#app img:not(.logo)")).to_have_count(0)
    expect(page.locator("li.card").first).to_be_visible()
    contexts = " ".join(page.locator("li.card .context").all_inner_texts())
    assert "<img src=x onerror=alert(1)>" in contexts
    page.locator("#tab-rewrite").click()
    expect(page.locator(".preview .diff")).to_contain_text("=alert(1)> Their")
    expect(page.locator("#app img:not(.logo)")).to_have_count(0)
    page.locator("#tab-issues").click()
    fix(page, "a", "an")
    assert text(page) == hostile.replace(" a error", " an error")
    assert pane.dialogs == []
