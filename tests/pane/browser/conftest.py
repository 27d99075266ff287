"""Fixtures for the task pane's browser tests: one Chromium, a fresh context and pane per test.

Every test fails on a console error, an uncaught page error or a dialog, unless it said which
console errors it expects (the network failures of the error tests).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, sync_playwright

from tests.conftest import LiveServer, start_server, stop_server
from tests.pane.browser.pane import AXE, AXE_PATH, Pane
from tests.system_tools import CHROMIUM


@pytest.fixture(scope="session", autouse=True)
def chromium_path() -> str:
    """The system's Chromium: without it every test here is skipped, saying how to install it
    (before any server starts: autouse fixtures of a scope come first)."""
    return CHROMIUM.require()


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """The system's Chromium, headless, for the whole session (never a downloaded browser)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_path,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield chromium
        chromium.close()


OpenPane = Callable[..., Pane]


@pytest.fixture(scope="session")
def organisation_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A server whose organisation decided for everyone: checking as you write is switched
    off, and Penwise's authorship marks must stay in documents. One server for both saves a
    start-up."""
    server = start_server(
        tmp_path_factory.mktemp("organisation"),
        {"ADDIN_LIVE_CHECK": "disabled", "ADDIN_AUTHORSHIP_MARKS": "required"},
    )
    yield server
    stop_server(server)


@pytest.fixture()
def open_pane(browser: Browser, live_server: LiveServer) -> Iterator[OpenPane]:
    """Open the task pane's browser host in a fresh context: open_pane(locale=, color_scheme=,
    live=) (checking as you write off unless `live` is True, or None for the server's say)."""
    opened: list[tuple[Pane, BrowserContext]] = []

    def open_(
        locale: str = "en-US",
        color_scheme: str = "light",
        server: LiveServer | None = None,
        live: bool | None = False,
        viewport: dict[str, int] | None = None,
    ) -> Pane:
        base = (server or live_server).url
        context = browser.new_context(
            locale=locale,
            color_scheme=color_scheme,  # type: ignore[arg-type]
            viewport=viewport or {"width": 1100, "height": 800},
            permissions=["clipboard-read", "clipboard-write"],
        )
        context.set_default_timeout(10_000)
        if AXE.exists():
            context.route(
                base + AXE_PATH,
                lambda route: route.fulfill(path=AXE, content_type="text/javascript"),
            )
        if live is not None:
            # The writer's switch as they first set it (the tests of Improve check with it
            # off; None leaves the server's default). Settings saved later are kept.
            context.add_init_script(
                "if (!localStorage.getItem('penwise.settings')) localStorage.setItem("
                f"'penwise.settings', JSON.stringify({{liveCheck: {str(live).lower()}}}));"
            )
        page = context.new_page()
        pane = Pane(page, base)
        opened.append((pane, context))

        def on_console(message: object) -> None:
            if message.type == "error":  # type: ignore[attr-defined]
                pane.problems.append(f"console: {message.text}")  # type: ignore[attr-defined]

        def on_dialog(dialog: Dialog) -> None:
            pane.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda error: pane.problems.append(f"page error: {error}"))
        page.on("dialog", on_dialog)
        page.goto(f"{base}/taskpane/?host=browser", wait_until="networkidle")
        page.locator('[data-key="improve"]').wait_for()
        return pane

    yield open_
    failures = []
    for pane, context in opened:
        failures += pane.unexpected() + [f"a dialog opened: {d}" for d in pane.dialogs]
        context.close()
    if failures:
        pytest.fail("the pane reported errors:\n" + "\n".join(failures))


@pytest.fixture()
def pane(open_pane: OpenPane) -> Pane:
    """The task pane in English, light theme."""
    return open_pane()


@pytest.fixture()
def page(pane: Pane) -> Page:
    """The page of the English sidebar."""
    return pane.page
