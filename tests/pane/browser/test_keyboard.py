"""The pane without a mouse: Tab reaches every control, focus is visible, arrows switch tabs."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.pane.browser.pane import text, wait_idle, write

FOCUSED = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {key: el.dataset.key || el.id || el.tagName, outline: style.outlineStyle,
          width: parseFloat(style.outlineWidth)};
}"""


def tab_to(page: Page, wanted: str, presses: int = 40) -> dict:
    """Press Tab until the element whose data-key (or id) starts with `wanted` has focus."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if str(focused["key"]).startswith(wanted) or wanted in str(focused["key"]):
            return focused
    raise AssertionError(f"Tab never reached {wanted!r}")


def assert_focus_visible(focused: dict) -> None:
    assert focused["outline"] != "none" and focused["width"] > 0, f"no focus ring: {focused}"


def test_every_step_works_from_the_keyboard(page: Page) -> None:
    write(page, "Their is a error in this sentance.")
    page.evaluate("() => document.activeElement.blur()")

    assert_focus_visible(tab_to(page, "improve"))
    page.keyboard.press("Enter")
    wait_idle(page)
    expect(page.locator("li.card")).to_have_count(3)

    assert_focus_visible(tab_to(page, "tab-issues"))
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Rewrite")).to_have_attribute("aria-selected", "true")
    assert page.evaluate(FOCUSED)["key"] == "tab-rewrite"
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_role("tab", name="Issues3")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowLeft")  # from the first tab to the last
    expect(page.get_by_role("tab", name="Authorship")).to_have_attribute("aria-selected", "true")
    wait_idle(page)  # it reads the marks as it opens
    page.keyboard.press("ArrowRight")
    assert page.evaluate(FOCUSED)["key"] == "tab-issues"

    focused = tab_to(page, ":fix:0")
    assert_focus_visible(focused)
    page.keyboard.press("Enter")
    assert text(page) == "There is a error in this sentance."
    # The keyboard stays on the next card, not thrown back to the top of the page.
    after = page.evaluate(FOCUSED)
    assert ":" in str(after["key"]), after
    assert_focus_visible(after)
