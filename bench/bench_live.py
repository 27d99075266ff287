"""Benchmark: checking as you write (issue 21), each figure against a baseline of this run.

1. Server time of ``POST /v1/check/paragraphs`` for one edited 100-word paragraph (its
   ``Server-Timing``), on kept-alive and on new connections, on clean prose and on
   error-dense learner text; against harper-py linting the same paragraph in this process,
   and against what the pane would otherwise send, ``/v1/check`` of the whole 20,000-word
   document after that edit.
2. In Chromium, the pane's browser page against ``addin-server serve``: 20,000 words pasted,
   the time to the first underlines and to the whole document checked; a keypress's time to
   the screen (from the key's event to the frame after it) while those checks run, against
   the same typing with checking as you write off; and the bytes of the request an edit of
   one paragraph sends, against that paragraph's own.

Writes its section of BENCHMARKS.md between ``<!-- bench:live -->`` markers; ``--tiny`` and
``--no-write`` as bench/report.py says. Usage:

    .venv/bin/python bench/bench_live.py [--tiny] [--no-write]
"""

from __future__ import annotations

import http.client
import json
import statistics
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

import harper  # noqa: E402
from bench_speed import ms  # noqa: E402
from corpus import VariedProse, learner_sentences  # noqa: E402
from live_server import post, served  # noqa: E402
from report import arguments, machine_line, publish  # noqa: E402

from addin_server.engines.local import harper as harper_backend  # noqa: E402

MARK = "bench:live"
CHROMIUM = Path("/usr/bin/chromium")
# In the page: each keydown's time (the event's own, so a busy main thread counts) to the
# frame after it is painted (a task queued from the next animation frame runs after paint).
KEY_TIMES = """() => {
  window.keyTimes = [];
  document.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    requestAnimationFrame(() => setTimeout(() => window.keyTimes.push(performance.now() - start)));
  }, true);
}"""
FIRST_UNDERLINE = """() => new Promise((resolve) => {
  const start = performance.now();
  const seen = () => document.querySelector('.marks .ul');
  const observer = new MutationObserver(() => {
    if (seen()) { observer.disconnect(); resolve(performance.now() - start); }
  });
  observer.observe(document.querySelector('.marks'), {childList: true, subtree: true});
  window.startPaste();
})"""


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def hundred_word_paragraphs(count: int, dense: bool) -> list[str]:
    """Paragraphs of about 100 words: docstring prose, or learner sentences (an error every
    few words)."""
    if dense:
        sentences = list(learner_sentences())
        paragraphs, words = [], []
        for sentence in sentences:
            words += sentence.split()
            if len(words) >= 100:
                paragraphs.append(" ".join(words))
                words = []
            if len(paragraphs) == count:
                break
        return paragraphs
    texts = VariedProse(100 * count, seed=11)
    joined = " ".join(texts.paragraphs()).split()
    return [" ".join(joined[i : i + 100]) for i in range(0, 100 * count, 100)]


def server_time(url: str, body: dict[str, Any], fresh: bool) -> tuple[float, float]:
    """POST ``body`` to /v1/check/paragraphs; (its Server-Timing, the client's round trip)."""
    host = urllib.parse.urlsplit(url).netloc
    connection = http.client.HTTPConnection(host, timeout=60) if fresh else _kept(host)
    started = time.perf_counter()
    connection.request(
        "POST", "/v1/check/paragraphs", json.dumps(body), {"Content-Type": "application/json"}
    )
    answer = connection.getresponse()
    answer.read()
    elapsed = time.perf_counter() - started
    if fresh:
        connection.close()
    if answer.status != 200:
        raise OSError(f"/v1/check/paragraphs answered {answer.status}")
    timing = answer.getheader("Server-Timing") or ""
    return float(timing.split("dur=")[1]) / 1000, elapsed


_KEPT: dict[str, http.client.HTTPConnection] = {}


def _kept(host: str) -> http.client.HTTPConnection:
    if host not in _KEPT:
        _KEPT[host] = http.client.HTTPConnection(host, timeout=60)
    return _KEPT[host]


def edits(url: str, rounds: int, document_words: int) -> list[str]:
    """Part 1: one paragraph edited, its check's server time, against the baselines."""
    linter = harper.Linter(harper.Dialect.AMERICAN)
    linter.set_lint_config(harper_backend.default_config())
    rows = []
    # Error-dense text is JFLEG's (../shared/eval): a checkout without it measures prose only.
    for dense in (False, True) if learner_sentences() else (False,):
        paragraphs = hundred_word_paragraphs(rounds, dense)
        # The document those paragraphs are in, checked once as the pane's open does.
        document = VariedProse(document_words, seed=5 if dense else 6).paragraphs()
        # In batches under ADDIN_LIVE_MAX_CHARS, as the pane sends them.
        for first in range(0, len(paragraphs), 10):
            batch = list(enumerate(paragraphs))[first : first + 10]
            post(
                url,
                {"paragraphs": [{"id": str(i), "text": p} for i, p in batch]},
                "/v1/check/paragraphs",
            )
        kept, fresh, trips, harpers, wholes = [], [], [], [], []
        for i, paragraph in enumerate(paragraphs):
            words = paragraph.split()
            words.insert(len(words) // 2, "really")  # the writer types one word
            edited = " ".join(words)
            body = {
                "dictionary": [],
                "disabled_rules": [],
                "paragraphs": [{"id": "p", "text": edited}],
            }
            timing, trip = server_time(url, body, fresh=bool(i % 2))
            (fresh if i % 2 else kept).append(timing)
            trips.append(trip)
            started = time.perf_counter()
            linter.organized_lints(edited + f" {i}")  # new to Harper, as the edit is
            harpers.append(time.perf_counter() - started)
            if i < 3:
                document[len(document) // 2] = edited
                started = time.perf_counter()
                post(url, {"text": "\n\n".join(document)})
                wholes.append(time.perf_counter() - started)
        p95 = quantile(kept + fresh, 0.95)
        base = statistics.median(harpers)
        kind = "error-dense learner text" if dense else "clean prose"
        rows += [
            f"| {kind}: server time, kept-alive connection (p50 / p95) | "
            f"{ms(statistics.median(kept))} / {ms(quantile(kept, 0.95))} | "
            f"{statistics.median(kept) / base:.2f}× | |",
            f"| {kind}: server time, a new connection each (p50 / p95) | "
            f"{ms(statistics.median(fresh))} / {ms(quantile(fresh, 0.95))} | "
            f"{statistics.median(fresh) / base:.2f}× | |",
            f"| {kind}: server time, all (p95) | **{ms(p95)}** | {p95 / base:.2f}× | "
            f"at most 30 ms: {'met' if p95 <= 0.030 else 'not met'} |",
            f"| {kind}: the client's round trip (p50) | {ms(statistics.median(trips))} | "
            f"{statistics.median(trips) / base:.2f}× | |",
            f"| {kind}: harper-py in process, the same paragraph (median) | {ms(base)} | 1.00× "
            "| baseline |",
            f"| {kind}: `/v1/check` of the whole {document_words:,}-word document after "
            f"the edit (median) | {ms(statistics.median(wholes))} | "
            f"{statistics.median(wholes) / base:.1f}× | what the pane sent before |",
        ]
    return rows


def in_the_browser(url: str, words: int, keys: int) -> list[str]:
    """Part 2: the browser page, 20,000 words pasted, typing while they are checked."""
    from playwright.sync_api import sync_playwright

    text = "\n".join(VariedProse(words, seed=21).paragraphs())
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            live = _typing(browser, url, text, keys, live=True)
            off = _typing(browser, url, text, keys, live=False)
        finally:
            browser.close()
    first, checked, latencies, request, paragraph = live
    _, _, quiet, _, _ = off
    p95, base = quantile(latencies, 0.95), quantile(quiet, 0.95)
    return [
        f"| first underlines after pasting {words:,} words | **{first / 1000:.2f} s** | | "
        f"within 3 s: {'met' if first <= 3000 else 'not met'} |",
        f"| the whole document checked | {checked / 1000:.1f} s | | |",
        f"| a keypress to the screen while it is checked (p95 of {len(latencies)}) | "
        f"**{p95:.0f} ms** (p50 {statistics.median(latencies):.0f} ms) | {p95 / base:.2f}× | "
        f"at most 50 ms: {'met' if p95 <= 50 else 'not met'} |",
        f"| the same typing with checking as you write off (p95 of {len(quiet)}) | "
        f"{base:.0f} ms (p50 {statistics.median(quiet):.0f} ms) | 1.00× | baseline |",
        f"| request for one edited paragraph of {paragraph} bytes | {request} bytes | "
        f"{request / paragraph:.2f}× | under 2×: "
        f"{'met' if request < 2 * paragraph else 'not met'} |",
    ]


def _typing(browser: Any, url: str, text: str, keys: int, live: bool) -> tuple[Any, ...]:
    """Paste ``text``, type ``keys`` keys while it is checked (or not, ``live`` off), then
    edit one paragraph: (first underline ms, all checked ms, key latencies, request bytes,
    paragraph bytes)."""
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    context.add_init_script(
        "localStorage.setItem('penwise.settings', "
        f"JSON.stringify({{liveCheck: {str(live).lower()}}}))"
    )
    page = context.new_page()
    sent: list[str] = []
    answered: list[float] = []
    page.on(
        "request", lambda request: sent.append(request.post_data or "") if _live(request) else None
    )
    page.on(
        "requestfinished",
        lambda request: answered.append(time.monotonic()) if _live(request) else None,
    )
    page.goto(url + "/taskpane/?host=browser", wait_until="networkidle")
    page.evaluate(KEY_TIMES)
    page.evaluate(
        "(text) => { window.startPaste = () => {"
        " const area = document.querySelector('#document-text'); area.focus(); area.select();"
        " document.execCommand('insertText', false, text); }; }",
        text,
    )
    pasted = time.monotonic()
    first = page.evaluate(FIRST_UNDERLINE) if live else page.evaluate("() => window.startPaste()")
    page.locator("#document-text").press("Control+Home")
    for _ in range(keys):  # a writer typing at about eight keys a second
        page.keyboard.type("a")
        page.wait_for_timeout(120)
    latencies = page.evaluate("() => window.keyTimes")
    checked = 0.0
    request = paragraph = 0
    if live:
        _quiet(page, sent)
        checked = (answered[-1] - pasted) * 1000
        sent.clear()
        # The caret at the end of the third paragraph; the writer types a word there.
        page.evaluate(
            "() => { const area = document.querySelector('#document-text');"
            " const lines = area.value.split('\\n');"
            " const at = lines[0].length + lines[1].length + lines[2].length + 2;"
            " area.focus(); area.setSelectionRange(at, at); }"
        )
        page.keyboard.type(" edited")
        _quiet(page, sent)
        texts = [p["text"] for body in sent for p in json.loads(body)["paragraphs"]]
        if len(texts) != 1:
            raise RuntimeError(f"an edit of one paragraph sent {len(texts)} paragraphs")
        request = len(sent[0].encode())
        paragraph = len(texts[0].encode())
    context.close()
    return first, checked, latencies, request, paragraph


def _live(request: Any) -> bool:
    return bool(request.url.endswith("/v1/check/paragraphs"))


def _quiet(page: Any, sent: list[str], seconds: float = 2.0) -> None:
    """Wait until the page has sent no check for ``seconds`` (at most five minutes)."""
    deadline = time.monotonic() + 300
    count = -1
    while len(sent) != count and time.monotonic() < deadline:
        count = len(sent)
        page.wait_for_timeout(seconds * 1000)


def main() -> None:
    args = arguments(__doc__, tiny="once, small texts, no writing").parse_args()
    rounds, document_words, words, keys = (
        (4, 400, 300, 5) if args.tiny else (40, 20_000, 20_000, 60)
    )
    with served() as url:
        edit_rows = edits(url, rounds, document_words)
        browser_rows = in_the_browser(url, words, keys) if CHROMIUM.exists() else []
    machine = machine_line()
    lines = [
        "## Checking as you write (issue 21)",
        "",
        "`.venv/bin/python bench/bench_live.py` (in `make bench`), against "
        "`addin-server serve` with its defaults. " + machine,
        "",
        f"### One edited 100-word paragraph ({rounds} edits of each kind, half of them on "
        "new connections)",
        "",
        "| what | time | vs harper-py | goal |",
        "| --- | --- | --- | --- |",
        *edit_rows,
        "",
        "### The browser page in Chromium (headless), measured in the page",
        "",
        "| what | figure | vs baseline | goal |",
        "| --- | --- | --- | --- |",
        *browser_rows,
    ]
    publish(lines, MARK, args)


if __name__ == "__main__":
    main()
