"""Errors in a writer's words: text over the limit, a server that is down, a cancelled check."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Route, expect

from tests.conftest import LiveServer, start_server, stop_server
from tests.pane.browser.conftest import OpenPane
from tests.pane.browser.pane import Pane, error, improve, notice, shot, text, write

LIMIT = 200


@pytest.fixture()
def small_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A second server that accepts at most LIMIT characters; the test may stop it."""
    server = start_server(tmp_path, env={"ADDIN_MAX_TEXT_CHARS": str(LIMIT)})
    yield server
    stop_server(server)


def assert_readable(sentence: str) -> None:
    """A sentence for a writer: no JSON, no bare status code, no key of the string tables."""
    assert not re.search(r"[{}\[\]]|\b(413|500|problem|undefined|null)\b|error\.\w+", sentence)
    assert sentence.endswith((".", "。"))


def test_too_long_and_server_down_are_said_in_words(
    open_pane: OpenPane, small_server: LiveServer
) -> None:
    pane = open_pane(server=small_server)
    pane.expect_console(r"Failed to load resource: the server responded with a status of 413")
    pane.expect_console(r"Failed to load resource: net::ERR_CONNECTION_REFUSED")
    page = pane.page
    write(page, "Their is a error. " * 20)

    improve(page)

    message = error(page).inner_text()
    assert "too long" in message
    assert f"up to {LIMIT} characters" in message
    assert_readable(message)
    expect(error(page).get_by_role("button", name="Retry")).to_have_count(0)
    expect(page.locator("li.card")).to_have_count(0)
    shot(page, "08-error-too-long")

    write(page, "Their is a error.")
    stop_server(small_server)
    improve(page)

    message = error(page).inner_text()
    assert "cannot reach its server" in message
    assert_readable(message.removesuffix("Retry").strip())
    retry = error(page).get_by_role("button", name="Retry")
    expect(retry).to_be_visible()
    shot(page, "09-error-offline")
    retry.click()
    expect(error(page)).to_contain_text("cannot reach its server")
    assert text(page) == "Their is a error."


def test_cancel_stops_a_slow_check(pane: Pane) -> None:
    page = pane.page
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)  # never answered: the check waits until it is cancelled

    page.route("**/v1/improve", hold)
    write(page, "Their is a error.")

    page.locator('[data-key="improve"]').click()
    cancel = page.locator(".status.busy").get_by_role("button", name="Cancel")
    expect(cancel).to_be_visible()
    expect(page.locator('[data-key="improve"]')).to_be_disabled()
    shot(page, "10-checking")
    cancel.click()

    expect(notice(page)).to_have_text("Cancelled.")
    expect(page.locator(".status.busy")).to_have_count(0)
    expect(page.locator('[data-key="improve"]')).to_be_enabled()
    assert held, "the check never reached the network"
    page.unroute("**/v1/improve")
    improve(page)
    expect(page.locator("li.card").first).to_be_visible()
