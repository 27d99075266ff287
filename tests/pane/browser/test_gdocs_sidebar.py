"""The Google Docs sidebar in a real browser: the exported Sidebar.html, served from an Apps
Script sandbox origin, loads the pane's modules from the server across origins (CORS) and
works the document through `google.script.run`.

Apps Script cannot run here, so the page gets a small `google.script.run` of its own that keeps
the document as a string; the Apps Script files' own logic is tested under Node
(tests/pane/unit). Chrome asks the writer before a public page may reach a server on their
machine or network (Local Network Access); the test grants that permission as the writer would.
"""

from __future__ import annotations

import json

from playwright.sync_api import Browser, expect

from addin_server.install.gdocs import render
from tests.conftest import LiveServer
from tests.pane.browser.pane import AXE, AXE_PATH, shot

SANDBOX = "https://n-abc123def-0lu-script.googleusercontent.com"
PUBLIC_URL = "https://writer.example.org"

# A stand-in for google.script.run: every Apps Script function the pane calls, over one string.
FAKE_APPS_SCRIPT = """
<script>
window.docText = %s;
const SERVER = %s;
window.scriptCalls = [];
const code = {
  getSidebarConfig: () => ({api: SERVER + '/', transport: 'fetch'}),
  getSelection: () => {
    const segments = [{path: [0], start: 0, length: docText.length, at: 0}];
    return {text: docText, whole: true, map: {whole: true, segments}};
  },
  applyFix: (map, start, end, expected, replacement) => {
    if (docText.slice(start, end) !== expected) return {ok: false, map};
    docText = docText.slice(0, start) + replacement + docText.slice(end);
    return {ok: true, map};
  },
  loadSettings: () => '{}',
  saveSettings: () => null,
  // Checking as you write: the document is one paragraph, its hash the text itself.
  pollParagraphs: (known) => known.length === 1 && known[0] === docText
    ? {same: true, focus: '0'}
    : {same: false, paths: ['0'], hashes: [docText], texts: {[docText]: docText}, focus: '0'},
  applyParagraphFix: (path, start, end, expected, replacement) =>
    code.applyFix(null, start, end, expected, replacement),
};
function runner(done, failed) {
  const chain = {
    withSuccessHandler: (h) => runner(h, failed),
    withFailureHandler: (h) => runner(done, h),
  };
  return new Proxy(chain, {get: (target, name) => name in target ? target[name] : (...args) => {
    scriptCalls.push(name);
    setTimeout(() => {
      try { done && done(code[name](...args)); } catch (e) { failed && failed(e); }
    }, 5);
  }});
}
window.google = {script: {run: runner(null, null)}};
</script>
"""


def test_the_google_docs_sidebar_loads_across_origins_and_fixes_the_document(
    browser: Browser, live_server: LiveServer
) -> None:
    text = "👋🏽 Their is a error in this sentance."
    sidebar = render(PUBLIC_URL)["Sidebar.html"].replace(PUBLIC_URL, live_server.url)
    fake = FAKE_APPS_SCRIPT % (json.dumps(text), json.dumps(live_server.url))
    page_html = sidebar.replace("<head>", "<head>" + fake, 1)

    context = browser.new_context(locale="en-US", viewport={"width": 320, "height": 900})
    context.grant_permissions(["local-network-access"], origin=SANDBOX)
    context.route(
        SANDBOX + "/**", lambda route: route.fulfill(body=page_html, content_type="text/html")
    )
    # The accessibility check loads axe from the page's own origin.
    context.route(SANDBOX + AXE_PATH, lambda route: route.fulfill(path=AXE))
    page = context.new_page()
    failures: list[str] = []
    page.on("pageerror", lambda error: failures.append(str(error)))
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "Mixed Content" not in message.text
            # The server under test speaks plain HTTP; a real deployment is HTTPS.
            and failures.append(message.text)
        ),
    )
    try:
        page.goto(SANDBOX + "/userCodeAppPanel")
        card = page.locator("li.card").filter(has=page.locator("mark", has_text="sentance"))
        # Checking as you write finds it with nothing pressed; Improve checks on demand too.
        expect(card).to_have_count(1)
        page.get_by_role("button", name="Improve", exact=True).click()
        card.get_by_role("button", name="Replace with “sentence”").click()
        expect(card).to_have_count(0)
        assert page.evaluate("docText") == "👋🏽 Their is a error in this sentence."
        calls = page.evaluate("scriptCalls")
        assert calls[:2] == ["getSidebarConfig", "loadSettings"]
        assert "pollParagraphs" in calls and "getSelection" in calls
        assert page.evaluate("document.documentElement.dataset.host") == "gdocs"
        shot(page, "gdocs-sidebar")
    finally:
        context.close()
    assert failures == []
