"""Checking as you write in the browser page, against a real ``addin-server serve``.

The writer types; when they pause, the paragraphs they changed are checked, and the errors
are underlined in the document and listed as cards, with nothing pressed.
"""

from __future__ import annotations

import itertools
import json
import time
from typing import Any

import pytest
from playwright.sync_api import Page, Request, expect

from tests.conftest import LiveServer
from tests.pane.browser.conftest import OpenPane
from tests.pane.browser.pane import (
    Pane,
    card,
    document,
    fix,
    group_counts,
    improve,
    select,
    shot,
    text,
    write,
)

CHECKS = "**/v1/check/paragraphs"


def underline(page: Page, word: str, category: str = "correctness") -> Any:
    """The underline of `word` in the document."""
    return page.locator(f".marks .ul-{category}").filter(has_text=word)


def layer_text(page: Page) -> str:
    """The text of the layer that draws the underlines, line by line as it lies."""
    return str(
        page.evaluate(
            "() => [...document.querySelectorAll('.mark-line')]"
            ".map((line) => line.textContent).join('\\n')"
        )
    )


def checks_sent(page: Page) -> list[dict[str, Any]]:
    """Every checking-as-you-write request the page sends from now on, as sent."""
    sent: list[dict[str, Any]] = []

    def record(request: Request) -> None:
        if request.method == "POST" and request.url.endswith("/v1/check/paragraphs"):
            sent.append(json.loads(request.post_data or "{}"))

    page.on("request", record)
    return sent


def type_at_end(page: Page, words: str) -> None:
    """Put the caret at the end of the document and type, as a writer would."""
    area = document(page)
    area.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(words)


def settled(page: Page, sent: list[dict[str, Any]], quiet: float = 1.5) -> None:
    """Wait until no check has been sent for `quiet` seconds."""
    deadline = time.monotonic() + 20
    count = -1
    while time.monotonic() < deadline:
        if len(sent) == count:
            return
        count = len(sent)
        page.wait_for_timeout(quiet * 1000)
    pytest.fail("the page kept sending checks")


@pytest.fixture()
def live(open_pane: OpenPane) -> Pane:
    """The page as a newcomer opens it: checking as you write is on by default."""
    return open_pane(live=None)


def test_typing_an_error_underlines_it_and_shows_its_card_without_pressing_anything(
    live: Pane,
) -> None:
    page = live.page
    expect(page.locator(".status .live")).to_have_text("Checking as you write.")
    type_at_end(page, "We recieve the parcel tomorow, I think.")
    # Half a second of pause, the check, the drawing: well within 2 s of the last key.
    expect(underline(page, "recieve")).to_have_count(1, timeout=2000)
    expect(card(page, "recieve")).to_be_visible(timeout=2000)
    expect(underline(page, "tomorow")).to_have_count(1)
    assert page.locator('[data-key="improve"]').is_enabled()
    # The underline sits under the word: the layer holds exactly the document's text.
    assert layer_text(page) == text(page)
    shot(page, "live-01-typed")


def test_editing_a_second_paragraph_sends_only_that_paragraph(live: Pane) -> None:
    page = live.page
    sent = checks_sent(page)
    write(page, "The first paragraph has a speling mistake.\nThe second one is fine.")
    expect(underline(page, "speling")).to_have_count(1)
    settled(page, sent)
    # The paragraph with the caret goes first.
    assert [p["text"] for p in sent[0]["paragraphs"]] == [
        "The second one is fine.",
        "The first paragraph has a speling mistake.",
    ]
    sent.clear()
    type_at_end(page, " Its a test.")
    expect(card(page, "Its")).to_be_visible()
    settled(page, sent)
    assert [[p["text"] for p in request["paragraphs"]] for request in sent] == [
        ["The second one is fine. Its a test."]
    ]
    expect(underline(page, "speling")).to_have_count(1)


def test_a_click_on_an_underline_brings_its_card_and_its_fix_changes_that_word_only(
    live: Pane,
) -> None:
    page = live.page
    original = "👋🏽 Thank you for your help. We recieve it on Monday.\nWe recieve it twice."
    write(page, original)
    expect(underline(page, "recieve")).to_have_count(2)
    box = underline(page, "recieve").first.bounding_box()
    assert box
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    revealed = page.locator("li.card.revealed")
    expect(revealed).to_have_count(1)
    expect(revealed.locator("mark")).to_have_text("recieve")
    revealed.get_by_role("button", name="Replace with “receive”").click()
    expected = original.replace("recieve", "receive", 1)
    assert text(page) == expected
    expect(underline(page, "recieve")).to_have_count(1)
    expect(underline(page, "receive")).to_have_count(0)
    shot(page, "live-02-fixed")
    # The fix is an edit of the document's own: undo takes it back, redo puts it again.
    document(page).focus()
    page.keyboard.press("Control+Z")
    assert text(page) == original
    expect(underline(page, "recieve")).to_have_count(2)
    page.keyboard.press("Control+Shift+Z")
    assert text(page) == expected


def test_cards_of_other_paragraphs_stay_put_while_one_is_edited(live: Pane) -> None:
    page = live.page
    sent = checks_sent(page)
    write(page, "I recieve teh parcel.\nThe midle paragraph.\nThe last one.")
    expect(page.locator("li.card")).to_have_count(3)
    settled(page, sent)
    page.evaluate("() => { window.probe = document.querySelector('li.card'); }")
    assert page.evaluate("() => window.probe.textContent").count("recieve")
    before = group_counts(page)
    sent.clear()
    type_at_end(page, " It has an eror.")
    expect(card(page, "eror")).to_be_visible()
    settled(page, sent)
    assert len(sent) == 1 and [p["text"] for p in sent[0]["paragraphs"]] == [
        "The last one. It has an eror."
    ]
    # The first card is the very element it was: not drawn again, so nothing flickered.
    assert page.evaluate("() => document.contains(window.probe)")
    assert group_counts(page) == {"Correctness": before["Correctness"] + 1}


def test_the_keyboard_stays_on_the_cards_while_a_fix_is_checked_again(live: Pane) -> None:
    page = live.page
    write(page, "I recieve teh parcel and teh letter.")
    expect(page.locator("li.card")).to_have_count(3)
    fix(page, "recieve", "receive")
    expect(card(page, "recieve")).to_have_count(0)
    focused = page.evaluate("() => document.activeElement.dataset.key || ''")
    assert ":fix:" in focused
    page.wait_for_timeout(1500)  # the paragraph is checked again meanwhile
    assert page.evaluate("() => document.activeElement.dataset.key || ''") == focused


def test_the_server_down_pauses_it_calmly_and_it_recovers_by_itself(live: Pane) -> None:
    page = live.page
    live.expect_console(r"Failed to load resource|ERR_CONNECTION_REFUSED|ERR_FAILED")
    write(page, "A first line.")
    expect(page.locator(".status .live")).to_have_text("Checking as you write.")
    attempts: list[float] = []

    def refuse(route: Any) -> None:
        attempts.append(time.monotonic())
        route.abort("connectionrefused")

    page.route(CHECKS, refuse)
    for word in [" The", " server", " is", " down", " now", " I", " recieve", " it."]:
        type_at_end(page, word)
        page.wait_for_timeout(800)
    expect(page.locator(".status .live.warn")).to_contain_text("cannot reach its server")
    paused = time.monotonic()
    assert page.locator(".status.error").count() == 0, "no error in the way of the writer"
    gaps = [b - a for a, b in itertools.pairwise(attempts)]
    assert attempts and all(gap >= 4.9 for gap in gaps), gaps
    shot(page, "live-03-paused")
    page.unroute(CHECKS)
    expect(underline(page, "recieve")).to_have_count(1, timeout=25_000)
    expect(page.locator(".status .live")).to_have_text("Checking as you write.")
    assert len(attempts) <= 1 + (paused - attempts[0]) // 5 + 1


def test_an_ime_composition_leaves_the_text_and_the_marks_intact(live: Pane) -> None:
    page = live.page
    sent = checks_sent(page)
    write(page, "I recieve it. ")
    expect(underline(page, "recieve")).to_have_count(1)
    settled(page, sent)
    sent.clear()
    type_at_end(page, "")
    ime = page.context.new_cdp_session(page)
    for typed in ["n", "ni", "nih", "niha", "nihao"]:
        ime.send(
            "Input.imeSetComposition",
            {"text": typed, "selectionStart": len(typed), "selectionEnd": len(typed)},
        )
        page.wait_for_timeout(300)
    page.wait_for_timeout(1000)  # a pause mid-composition sends nothing
    assert sent == []
    ime.send("Input.insertText", {"text": "你好"})
    assert text(page) == "I recieve it. 你好"
    settled(page, sent)
    assert [[p["text"] for p in r["paragraphs"]] for r in sent] == [["I recieve it. 你好"]]
    expect(underline(page, "recieve")).to_have_count(1)
    assert layer_text(page) == text(page)


def test_improve_on_a_selection_shows_it_and_the_whole_document_comes_back(live: Pane) -> None:
    page = live.page
    write(page, "Their is a error here.\nI recieve teh parcel.")
    expect(page.locator("li.card")).to_have_count(4)
    select(page, 23, 44)
    improve(page)
    expect(page.locator("li.card")).to_have_count(2)
    expect(page.locator(".view-note")).to_contain_text("Showing what Improve found")
    page.locator('[data-key="show-document"]').click()
    expect(page.locator("li.card")).to_have_count(4)
    # Nothing selected: Improve checks the whole document on demand; the cards stay its own.
    select(page, 0, 0)
    improve(page)
    expect(page.locator(".status .facts").first).to_contain_text("checked the whole document")
    expect(page.locator("li.card")).to_have_count(4)
    expect(underline(page, "Their")).to_have_count(1)


def test_the_writer_can_turn_it_off_and_on(live: Pane) -> None:
    page = live.page
    sent = checks_sent(page)
    write(page, "I recieve it.")
    expect(underline(page, "recieve")).to_have_count(1)
    page.locator('[data-key="settings"]').click()
    switch = page.locator('[data-key="live-check"]')
    expect(switch).to_be_checked()
    shot(page, "live-04-settings")
    switch.uncheck()
    expect(page.locator(".marks .ul")).to_have_count(0)
    expect(page.locator("li.card")).to_have_count(0)
    settled(page, sent)
    sent.clear()
    type_at_end(page, " And teh rest.")
    page.wait_for_timeout(1500)
    assert sent == [], "nothing is sent while it is off"
    page.reload(wait_until="networkidle")
    page.locator('[data-key="settings"]').click()
    expect(page.locator('[data-key="live-check"]')).not_to_be_checked()
    page.locator('[data-key="live-check"]').check()
    expect(underline(page, "teh")).to_have_count(1)


def test_an_organisation_can_switch_it_off_for_everyone(
    open_pane: OpenPane, organisation_server: LiveServer
) -> None:
    pane = open_pane(live=True, server=organisation_server)
    page = pane.page
    sent = checks_sent(page)
    type_at_end(page, "I recieve it.")
    page.wait_for_timeout(1500)
    assert sent == [] and page.locator(".marks .ul").count() == 0
    page.locator('[data-key="settings"]').click()
    expect(page.locator('[data-key="live-check"]')).to_be_disabled()
    expect(page.locator("#live-check-hint")).to_have_text(
        "Your organization has switched this off."
    )
    improve(page)
    expect(card(page, "recieve")).to_be_visible()


@pytest.mark.parametrize(
    ("locale", "scheme"),
    [("en-US", "light"), ("en-US", "dark"), ("zh-CN", "light"), ("zh-CN", "dark")],
)
def test_underlines_and_cards_as_a_writer_sees_them(
    open_pane: OpenPane, locale: str, scheme: str
) -> None:
    pane = open_pane(locale=locale, color_scheme=scheme, live=None)
    page = pane.page
    write(
        page,
        "Dear team,\n\nThank you for you're help. We recieve the parcel yesterday, "
        "and in order to finish, I think we should go.\n\nAt the end of the day, it's fine.",
    )
    expect(underline(page, "recieve")).to_have_count(1)
    expect(page.locator(".marks .ul-clarity, .marks .ul-style").first).to_be_visible()
    expect(page.locator(".status .live")).to_be_visible()
    shot(page, f"live-05-{locale}-{scheme}")
