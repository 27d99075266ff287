"""Rewrite with a tone (diff preview, Replace, Insert below, Copy) and Ideas inserted below."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.pane.browser.pane import notice, select, shot, text, wait_idle, write

CASUAL = "hey, we gotta fix this stuff asap."


def rewrite_with(page: Page, tone: str) -> str:
    """Pick a tone, press Rewrite, and return the rewritten text the preview shows."""
    page.get_by_role("tab", name="Rewrite").click()
    chip = page.get_by_role("button", name=tone, exact=True)
    chip.click()
    expect(chip).to_have_attribute("aria-pressed", "true")
    page.get_by_role("button", name="Rewrite", exact=True).click()
    wait_idle(page)
    expect(page.locator(".preview .diff")).to_be_visible()
    # The preview without its deletions is the rewritten text.
    return page.evaluate(
        "() => { const diff = document.querySelector('.preview .diff').cloneNode(true);"
        " diff.querySelectorAll('del').forEach((d) => d.remove()); return diff.textContent; }"
    )


def test_a_formal_rewrite_is_previewed_and_replaces_the_text(page: Page) -> None:
    write(page, CASUAL)

    rewritten = rewrite_with(page, "Formal")

    expect(page.locator(".preview .diff del").first).to_have_text("hey")
    expect(page.locator(".preview .diff ins").first).to_have_text("Hello")
    assert rewritten != CASUAL
    assert rewritten.startswith("Hello, we have to fix")
    shot(page, "06-rewrite-preview")

    page.get_by_role("button", name="Copy", exact=True).click()
    expect(notice(page)).to_have_text("Copied.")
    assert page.evaluate("() => navigator.clipboard.readText()") == rewritten
    assert text(page) == CASUAL

    page.get_by_role("button", name="Replace selection").click()

    assert text(page) == rewritten
    expect(notice(page)).to_have_text("Rewrite applied, change by change.")
    expect(page.locator(".preview")).to_have_count(0)


def test_a_rewrite_inserted_below_keeps_the_original(page: Page) -> None:
    write(page, CASUAL)
    rewritten = rewrite_with(page, "Friendly")

    page.get_by_role("button", name="Insert below").click()

    assert text(page) == f"{CASUAL}\n{rewritten}\n"
    expect(notice(page)).to_have_text("Inserted below your selection.")
    # The document changed under the preview: replacing now would be blind, so the pane stops.
    page.get_by_role("button", name="Replace selection").click()
    assert text(page) == f"{CASUAL}\n{rewritten}\n"
    expect(notice(page)).to_contain_text("The text has changed since the rewrite")


def test_a_rewrite_of_a_selection_changes_only_the_selection(page: Page) -> None:
    before, after = "Dear team,\n", "\nBest, Ana"
    write(page, before + CASUAL + after)
    select(page, len(before), len(before) + len(CASUAL))

    rewritten = rewrite_with(page, "Formal")
    page.get_by_role("button", name="Replace selection").click()

    assert text(page) == before + rewritten + after
    assert rewritten != CASUAL


def test_an_idea_is_inserted_after_the_text(page: Page) -> None:
    original = "Remote work changes how teams communicate. Meetings move online."
    write(page, original)
    page.get_by_role("tab", name="Ideas").click()
    page.get_by_role("button", name="Examples", exact=True).click()  # on by default: now off
    page.get_by_role("button", name="Headlines", exact=True).click()
    pressed = page.locator(".ideas .chip[aria-pressed='true']")
    expect(pressed).to_have_text(["Continue", "Questions", "Headlines"])

    page.get_by_role("button", name="Get ideas").click()
    wait_idle(page)

    ideas = page.locator(".card.idea")
    expect(ideas.first).to_be_visible()
    kinds = set(ideas.locator(".idea-kind").all_text_contents())
    assert kinds and kinds <= {"Continue", "Questions", "Headlines"}
    shot(page, "07-ideas")
    first = ideas.first.locator(".idea-text").inner_text()
    ideas.first.get_by_role("button", name="Insert below").click()
    assert text(page) == f"{original}\n{first}\n"
