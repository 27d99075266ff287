"""`/v1/rewrite` and `/v1/improve` with `format: "markdown"` change the prose, never the markup:
over HTTP, every tone, on Markdown documents (tests/data/markdown)."""

from __future__ import annotations

import re
from collections import Counter

import pytest
import requests

from addin_server.tones import TONE_NAMES
from tests.conftest import ROOT, LiveServer

CORPUS = ROOT / "tests" / "data" / "markdown"
DOCUMENTS = sorted(path.name for path in CORPUS.glob("*.md") if path.name != "README.md")
# The markup a rewrite must give back as it was, each piece found by its own pattern.
FIXED_MARKUP = {
    "code block": re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL),
    "code span": re.compile(r"(?<!`)`[^`\n]+`(?!`)"),
    "link target": re.compile(r"\]\([^)]*\)|\]\[[^\]]*\]"),
    "autolink": re.compile(r"<https?://[^>]+>"),
    "reference": re.compile(r"^\[[^\]]+\]: .*$", re.MULTILINE),
    "line start": re.compile(r"^(?:#{1,6} |[-*+] |\d+\. |> |=+$)", re.MULTILINE),
}
EMPHASIS = re.compile(r"\*\*|__|~~|(?<![*\w])[*_](?=\w)|(?<=\w)[*_](?![*\w])")
# "****", "** **", "* *": a pair of delimiters left around nothing.
EMPTY_EMPHASIS = re.compile(r"\*{4}|_{4}|~{4}|(?<![\w*_~])(\*\*|__|~~|\*|_)\s+\1(?![\w*_~])")


def markup(text: str) -> dict[str, list[str]]:
    return {kind: pattern.findall(text) for kind, pattern in FIXED_MARKUP.items()}


def post(server: LiveServer, path: str, body: dict) -> dict:
    response = requests.post(server.url + path, json=body, timeout=120)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("tone", [None, *TONE_NAMES])
@pytest.mark.parametrize("name", DOCUMENTS)
def test_a_markdown_rewrite_keeps_the_markup(
    live_server: LiveServer, name: str, tone: str | None
) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    body = {"text": text, "tone": tone, "format": "markdown", "engine": "local"}
    rewritten = post(live_server, "/v1/rewrite", body)["rewritten"]
    assert markup(rewritten) == markup(text)
    assert not EMPTY_EMPHASIS.search(rewritten), rewritten
    delimiters = Counter(EMPHASIS.findall(rewritten))
    assert all(count % 2 == 0 for count in delimiters.values()), delimiters


def test_the_prose_is_rewritten_and_the_code_is_not(live_server: LiveServer) -> None:
    text = (CORPUS / "how_to.md").read_text(encoding="utf-8")
    body = {"text": text, "tone": "formal", "format": "markdown", "engine": "local"}
    rewritten = post(live_server, "/v1/rewrite", body)["rewritten"]
    assert "You will need Python 3.11." in rewritten
    assert "There are a few known issues" in rewritten
    assert "pip install penwise  # it's quick, don't worry" in rewritten


def test_plain_text_is_still_the_default(live_server: LiveServer) -> None:
    text = "Run `don't` now."
    body = {"text": text, "tone": "formal", "engine": "local"}
    assert post(live_server, "/v1/rewrite", body)["rewritten"] == text  # code, not prose


def test_the_improve_preview_keeps_the_markup(live_server: LiveServer) -> None:
    text = (CORPUS / "blog_post.md").read_text(encoding="utf-8")
    body = {"text": text, "tone": "concise", "format": "markdown", "engine": "local"}
    answer = post(live_server, "/v1/improve", body)
    rewritten = answer["rewrite"]["rewritten"]
    assert rewritten != text
    assert markup(rewritten) == markup(text)
    assert not EMPTY_EMPHASIS.search(rewritten)


def test_an_unknown_format_is_refused(live_server: LiveServer) -> None:
    body = {"text": "Hello.", "format": "html"}
    response = requests.post(live_server.url + "/v1/rewrite", json=body, timeout=30)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
