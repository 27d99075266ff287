"""What the task pane tells the server about suggestions: the rule and the action, never text."""

from __future__ import annotations

import requests
from playwright.sync_api import Page, Request, expect

from tests.conftest import LiveServer
from tests.pane.browser.pane import card, fix, improve, write


def _counts(server: LiveServer, rule_id: str) -> dict[str, int]:
    stats = requests.get(server.url + "/v1/stats?hours=1", timeout=10).json()
    row = next((r for r in stats["rules"] if r["rule_id"] == rule_id), {})
    return {action: row.get(action, 0) for action in ("applied", "ignored", "dismissed")}


def test_applying_and_ignoring_in_the_task_pane_shows_in_the_stats(
    page: Page, live_server: LiveServer
) -> None:
    sent: list[Request] = []
    page.on("request", lambda r: sent.append(r) if r.url.endswith("/v1/feedback") else None)
    spelling, wordiness = "harper.SpellCheck", "style.wordiness"
    before = _counts(live_server, spelling), _counts(live_server, wordiness)
    write(page, "In order to win, fix this sentance.")
    improve(page)

    fix(page, "sentance", "sentence")
    card(page, "In order to").get_by_role("button", name="Ignore rule").click()
    expect(card(page, "In order to")).to_have_count(0)
    page.wait_for_function(
        "() => performance.getEntriesByType('resource')"
        ".filter((e) => e.name.endsWith('/v1/feedback')).length >= 2"
    )

    after = _counts(live_server, spelling), _counts(live_server, wordiness)
    assert after[0]["applied"] == before[0]["applied"] + 1
    assert after[1]["dismissed"] == before[1]["dismissed"] + 1
    metrics = requests.get(live_server.url + "/metrics", timeout=10).text
    assert 'penwise_feedback_total{action="applied"}' in metrics
    bodies = [r.post_data or "" for r in sent]
    assert len(bodies) == 2 and not any("sentance" in b or "order" in b for b in bodies)
