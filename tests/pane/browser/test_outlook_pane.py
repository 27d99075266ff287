"""The pane in Outlook's compose window: 320 px wide, English and Chinese, over a real reply.

Office.js is replaced by tests/pane/browser/outlook_office.js (a message in the page's memory); the
pane, its DOMParser and the server are the real ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from addin_server.api.taskpane import OFFICE_JS
from tests.conftest import LiveServer
from tests.pane.browser.pane import AXE, AXE_PATH, Pane, card, improve, notice, shot

OFFICE_STAND_IN = Path(__file__).with_name("outlook_office.js")
COMPOSE_WIDTH = 320  # Outlook's pane beside a message being written

REPLY = (
    "<html><head><style>p { margin: 0 }</style></head><body>"
    "<div>Hi Sam,</div>"
    "<div>Thanks for the <b>quick</b> answer. I will recieve the files tomorow and put them on "
    '<a href="https://example.org/report">the report page</a>.</div>'
    '<div id="Signature"><div>Best regards,<br>Ana Silva</div></div>'
    '<div id="appendonsend"></div><hr>'
    '<div id="divRplyFwdMsg"><b>From:</b> Sam Lee<br><b>Sent:</b> Monday</div>'
    "<div>Can you recieve the files? I has a question.</div>"
    "</body></html>"
)

WORDS = {
    "en-US": {"improve": "Improve", "fix": "Replace with “receive”"},
    "zh-CN": {"improve": "改进", "fix": "替换为“receive”"},
}


@pytest.fixture()
def outlook_pane(browser: Browser, live_server: LiveServer) -> Iterator[object]:
    """open(locale) -> Pane: the Outlook pane at compose width over REPLY."""
    opened: list[Pane] = []
    contexts = []

    def open_(locale: str) -> Pane:
        context = browser.new_context(
            locale=locale, viewport={"width": COMPOSE_WIDTH, "height": 760}
        )
        contexts.append(context)
        context.set_default_timeout(15_000)
        context.route(
            OFFICE_JS,
            lambda route: route.fulfill(path=OFFICE_STAND_IN, content_type="text/javascript"),
        )
        if AXE.exists():
            context.route(
                live_server.url + AXE_PATH,
                lambda route: route.fulfill(path=AXE, content_type="text/javascript"),
            )
        context.add_init_script(
            "window.penwiseMail = " + _js({"type": "html", "body": REPLY, "language": locale})
        )
        page = context.new_page()
        pane = Pane(page, live_server.url)
        opened.append(pane)
        page.on("console", lambda m: m.type == "error" and pane.problems.append(m.text))
        page.on("pageerror", lambda e: pane.problems.append(f"page error: {e}"))
        page.goto(f"{live_server.url}/taskpane/?host=outlook", wait_until="networkidle")
        page.locator('[data-key="improve"]').wait_for()
        return pane

    yield open_
    problems = [p for pane in opened for p in pane.unexpected()]
    for context in contexts:
        context.close()
    assert not problems, problems


def _js(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False)


def body(page: Page) -> str:
    return page.evaluate("() => window.penwiseMail.body")


@pytest.mark.parametrize("locale", ["en-US", "zh-CN"])
def test_the_pane_in_outlooks_compose_window(outlook_pane, locale: str) -> None:  # type: ignore[no-untyped-def]
    words = WORDS[locale]
    pane = outlook_pane(locale)
    page = pane.page
    language = "en" if locale == "en-US" else "zh-CN"
    expect(page.locator('[data-key="improve"]')).to_have_text(words["improve"])
    # Checking as you write reads the writer's part at once: its cards come with nothing
    # pressed, and the quoted thread is never checked.
    expect(card(page, "recieve")).to_be_visible()
    assert "has" not in [m.strip() for m in page.locator("li.card mark").all_text_contents()]
    shot(page, f"outlook-{language}-start")

    improve(page)
    flagged = [m.strip() for m in page.locator("li.card mark").all_text_contents()]
    assert "recieve" in flagged and "tomorow" in flagged
    assert "has" not in flagged, "the quoted message is never checked"
    fits = page.evaluate("() => document.documentElement.scrollWidth")
    assert fits <= COMPOSE_WIDTH, f"the pane is {fits} px wide in a {COMPOSE_WIDTH} px window"
    shot(page, f"outlook-{language}-issues")

    card(page, "recieve").get_by_role("button", name=words["fix"], exact=True).click()
    expect(notice(page)).to_contain_text("receive")
    after = body(page)
    assert "I will receive the files tomorow" in after
    assert '<a href="https://example.org/report">the report page</a>' in after
    assert "<b>quick</b>" in after
    assert "Can you recieve the files? I has a question." in after, "the quote is untouched"
    shot(page, f"outlook-{language}-fixed")
