"""A burst of Improve clicks against ``addin-server serve`` with its default settings.

Sixteen writers press Improve at once on 300-word selections, each over its own kept-alive
connection as the task pane's browser does, four times each. Every one must get its full
answer: no 503, no dropped connection, no ``incomplete``. Bounded (64 requests on loopback)
so it runs in the suite; bench/bench_speed.py and bench/bench_workers.py measure the same
load's rate, p50/p95 and memory for BENCHMARKS.md.
"""

from __future__ import annotations

import tomllib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.conftest import ROOT, start_server, stop_server

CLIENTS = 16
CLICKS = 4
WORDS = 300
CORPUS = ROOT / "tests" / "data" / "clean_prose"


def selections(count: int) -> list[str]:
    """``count`` different 300-word selections cut from the clean-prose corpus, each with a
    misspelling so every answer has an issue to find."""
    names = tomllib.loads((CORPUS / "corpus.toml").read_text(encoding="utf-8"))["texts"]
    words = " ".join((CORPUS / name).read_text(encoding="utf-8") for name in sorted(names)).split()
    step = max(1, (len(words) - WORDS) // count)
    return [" ".join(["Teh", *words[i * step : i * step + WORDS]]) for i in range(count)]


def test_sixteen_writers_at_once_all_get_their_answers(tmp_path: Path) -> None:
    # The defaults of `addin-server serve` (workers, threads, in-flight cap), not the suite's.
    server = start_server(tmp_path, {"ADDIN_WORKERS": "2", "ADDIN_THREADS": "8"})
    texts = selections(CLIENTS * CLICKS)
    try:

        def writer(number: int) -> list[tuple[int, dict]]:
            with requests.Session() as session:
                answers = []
                for click in range(CLICKS):
                    text = texts[number * CLICKS + click]
                    answer = session.post(server.url + "/v1/check", json={"text": text}, timeout=60)
                    answers.append(
                        (answer.status_code, answer.json() if answer.ok else {"body": answer.text})
                    )
                return answers

        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = [answer for batch in pool.map(writer, range(CLIENTS)) for answer in batch]
        failed = [(status, body) for status, body in answers if status != 200]
        assert not failed, f"{len(failed)} of {len(answers)} failed, first: {failed[0]}"
        for _, body in answers:
            assert not body.get("incomplete"), body.get("unprocessed")
            assert any(issue["text"] == "Teh" for issue in body["issues"])
        assert requests.get(server.url + "/readyz", timeout=10).status_code == 200
    finally:
        stop_server(server)
