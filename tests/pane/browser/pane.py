"""The task pane as a writer sees it: the open page, its errors, and the steps a writer takes."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

from tests.conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "test-output" / "pane"
# axe is served from the pane's own origin, so the pane's Content-Security-Policy (script-src
# 'self', no inline script) stays on while it runs.
AXE_PATH = "/__sidebar-tests__/axe.min.js"


@dataclass
class Pane:
    """One open sidebar page and what went wrong in it."""

    page: Page
    url: str
    problems: list[str] = field(default_factory=list)
    expected: list[re.Pattern[str]] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def expect_console(self, pattern: str) -> None:
        """Tolerate console errors matching `pattern` (a test breaking the network on purpose)."""
        self.expected.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        """The console and page errors nobody expected."""
        return [p for p in self.problems if not any(e.search(p) for e in self.expected)]


def check_accessibility(page: Page) -> None:
    """Run axe-core on the page as it is now; fail on any serious or critical violation."""
    if not AXE.exists():
        pytest.skip("node_modules/axe-core is missing: `make test` installs it (npm)")
    if not page.evaluate("() => Boolean(window.axe)"):
        page.add_script_tag(url=AXE_PATH)
    violations = page.evaluate("async () => (await window.axe.run(document)).violations")
    bad = [v for v in violations if v["impact"] in ("serious", "critical")]
    if bad:
        lines = [
            f"{v['id']} ({v['impact']}): {v['help']}\n    "
            + "\n    ".join(", ".join(node["target"]) for node in v["nodes"])
            for v in bad
        ]
        pytest.fail("axe-core found accessibility violations:\n" + "\n".join(lines))


def shot(page: Page, name: str) -> Path:
    """Write a full-page screenshot to test-output/pane/<name>.png and run axe on it."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    check_accessibility(page)
    return path


# The writer's steps.


def document(page: Page) -> Locator:
    """The text area standing in for the document."""
    return page.locator("#document-text")


def write(page: Page, text: str) -> None:
    """Replace the document's text, as a writer typing or pasting."""
    document(page).fill(text)


def text(page: Page) -> str:
    """The document's whole text now."""
    return document(page).input_value()


def select(page: Page, start: int, end: int) -> None:
    """Select [start, end) of the document (UTF-16 offsets), as a writer's mouse would."""
    page.evaluate(
        "([start, end]) => { const area = document.querySelector('#document-text');"
        " area.focus(); area.setSelectionRange(start, end); }",
        [start, end],
    )


def wait_idle(page: Page) -> None:
    """Wait until the pane has stopped working (no progress line)."""
    page.wait_for_function("() => !document.querySelector('.status.busy')")


def improve(page: Page) -> None:
    """Press Improve and wait for the answer."""
    page.locator('[data-key="improve"]').click()
    wait_idle(page)


def card(page: Page, flagged: str) -> Locator:
    """The issue card whose flagged words are exactly `flagged`."""
    marks = page.locator("mark").filter(has_text=re.compile(rf"^\s*{re.escape(flagged)}\s*$"))
    return page.locator("li.card").filter(has=marks)


def fix(page: Page, flagged: str, replacement: str) -> None:
    """Click the card's button that replaces `flagged` with `replacement` ("" deletes)."""
    name = f"Replace with “{replacement}”" if replacement else f"Delete “{flagged}”"
    card(page, flagged).get_by_role("button", name=name, exact=True).click()


def notice(page: Page) -> Locator:
    """The pane's latest short message."""
    return page.locator(".status .notice")


def error(page: Page) -> Locator:
    """The pane's error line."""
    return page.locator(".status.error")


def group_counts(page: Page) -> dict[str, int]:
    """{group title: count} as the Issues tab shows them, in order."""
    counts = {}
    for group in page.locator("section.group").all():
        title = group.locator("h2.group-title")
        count = title.locator(".count").text_content() or ""
        name = (title.text_content() or "").removesuffix(count).strip()
        counts[name] = int(count)
    return counts
