"""The per-paragraph cache gives the answer a cold check gives, whatever was checked before."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from addin_server import create_app
from addin_server.engines.local import check_cache
from addin_server.engines.local.check_cache import (
    CROSS_PARAGRAPH_RULES,
    ParagraphResult,
    ResultCache,
)
from addin_server.records import Category, Issue, Severity, Span
from addin_server.rules import builtin_rules
from addin_server.services import EXTENSION_KEY

DATA = Path(__file__).resolve().parents[1] / "data"
TROUBLE = "Their is a error in teh sentence. In order to win, we made a decision to plan ahead."


def corpus_texts() -> dict[str, str]:
    """The test corpora: clean prose and everyday writing, each file one document."""
    return {
        path.stem: path.read_text(encoding="utf-8")
        for folder in ("clean_prose", "everyday")
        for path in sorted((DATA / folder).glob("*.txt"))
    }


def make_client(cache_mb: int) -> FlaskClient:
    app = create_app({"cache_mb": cache_mb}, environ={}, warm_up=False)
    return app.test_client()


@pytest.fixture(scope="module")
def cold() -> FlaskClient:
    return make_client(0)


@pytest.fixture(scope="module")
def cached() -> FlaskClient:
    return make_client(64)


def answer(client: FlaskClient, text: str, **fields: Any) -> dict[str, Any]:
    response = client.post("/v1/check", json={"text": text, **fields})
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()


def paragraphs(text: str) -> list[str]:
    return [part for part in text.split("\n\n") if part.strip()]


@pytest.mark.parametrize("name", sorted(corpus_texts()))
def test_paragraphs_checked_one_by_one_give_the_whole_texts_answer(
    name: str, cold: FlaskClient, cached: FlaskClient
) -> None:
    # Every paragraph is first checked alone, so the whole text is then answered from the
    # cache: equal answers mean no paragraph's result depends on its neighbours (except the
    # cross-paragraph rules, recomputed over the whole).
    text = corpus_texts()[name]
    for paragraph in paragraphs(text):
        answer(cached, paragraph + "\n\n")
    assert answer(cached, text) == answer(cold, text)


def edits(text: str) -> dict[str, str]:
    """A document edited in the ways a writer edits: one paragraph, a merge, a split."""
    parts = paragraphs(text)
    middle = len(parts) // 2
    edited = [*parts[:middle], parts[middle] + " " + TROUBLE, *parts[middle + 1 :]]
    merged = [*parts[: middle - 1], parts[middle - 1] + " " + parts[middle], *parts[middle + 1 :]]
    words = parts[middle].split(". ")
    split = [
        *parts[:middle],
        ". ".join(words[:1]) + ".",
        ". ".join(words[1:]),
        *parts[middle + 1 :],
    ]
    emoji = ["👍🏽 " + parts[0], *edited[1:]]
    same_starts = [*parts[:middle], "We met. We talked.", "We left. We slept.", *parts[middle:]]
    return {
        "one paragraph edited": "\n\n".join(edited),
        "two paragraphs merged": "\n\n".join(merged),
        "a paragraph split": "\n\n".join(split),
        "an emoji before the edit": "\n\n".join(emoji),
        "a run of openings across paragraphs": "\n\n".join(same_starts),
        "a paragraph removed": "\n\n".join(parts[:middle] + parts[middle + 1 :]),
    }


def document() -> str:
    texts = corpus_texts()
    return "\n\n".join(
        paragraph + (" " + TROUBLE if n % 3 == 0 else "")
        for n, paragraph in enumerate(paragraphs(texts["report"] + "\n\n" + texts["memo"]))
    )


@pytest.mark.parametrize("edit", sorted(edits(document())))
def test_a_recheck_after_an_edit_equals_a_cold_check(
    edit: str, cold: FlaskClient, cached: FlaskClient
) -> None:
    original = document()
    answer(cached, original)
    edited = edits(original)[edit]
    warm = answer(cached, edited)
    assert warm == answer(cold, edited)
    assert warm["issues"] and warm["stats"]["words"] > 50


def test_markdown_and_options_are_part_of_the_key(cold: FlaskClient, cached: FlaskClient) -> None:
    text = "# Plan\n\nWe wil ship `teh_tool` soon.\n\n```\nteh code\n\nmore code\n```\n\nDone."
    for fields in ({"format": "markdown"}, {}, {"categories": ["style"]}):
        assert answer(cached, text, **fields) == answer(cold, text, **fields)


def test_a_dictionary_change_misses_the_cache(
    cold: FlaskClient, cached: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = "The Zorbleck team met.\n\nWe shiped it on Tuesday."
    answer(cached, text)
    lookups: list[bool] = []
    monkeypatch.setattr(check_cache, "count_cache", lookups.append)
    answer(cached, text)
    assert lookups == [True, True]
    lookups.clear()
    with_word = answer(cached, text, dictionary=["Zorbleck"])
    assert lookups == [False, False]
    assert with_word == answer(cold, text, dictionary=["Zorbleck"])
    assert "Zorbleck" not in [issue["text"] for issue in with_word["issues"]]
    lookups.clear()
    answer(cached, text, disabled_rules=["harper.SpellCheck"])
    assert lookups == [False, False]


def test_only_the_cross_paragraph_rules_read_across_paragraphs() -> None:
    assert {rule.info.id for rule in builtin_rules()} >= CROSS_PARAGRAPH_RULES


def test_the_cache_keeps_within_its_budget_and_forgets_the_oldest() -> None:
    issue = Issue(
        "harper.SpellCheck", Category.CORRECTNESS, "spelling", "m", Span(0, 3), ("the",),
        Severity.ERROR,
    )  # fmt: skip
    result = ParagraphResult((issue,), (), ())
    cache = ResultCache(max_bytes=result.size() * 3)
    for n in range(10):
        cache.put(bytes([n]), result)
    assert len(cache) == 3 and cache.bytes_held <= cache.max_bytes
    assert cache.get(bytes([0])) is None and cache.get(bytes([9])) == result


def held_bytes(thing: object, seen: set[int]) -> int:
    """What ``thing`` and everything it holds take, each object counted once (enums and the
    small constants Python shares are held elsewhere too, and left out)."""
    if id(thing) in seen or isinstance(thing, Category | Severity) or thing in ((), "", None):
        return 0
    seen.add(id(thing))
    size = sys.getsizeof(thing)
    if isinstance(thing, dict):
        return size + sum(held_bytes(k, seen) + held_bytes(v, seen) for k, v in thing.items())
    if isinstance(thing, tuple | list):
        return size + sum(held_bytes(item, seen) for item in thing)
    slots = getattr(type(thing), "__slots__", ())
    return size + sum(held_bytes(getattr(thing, name), seen) for name in slots)


def test_the_budget_counts_what_the_entries_really_take() -> None:
    """``ADDIN_CACHE_MB`` is what the cache may take: its count of the bytes it holds is no
    lower than what its entries take, and not much higher (a budget that counted half would
    let the cache take twice the memory the setting says)."""
    client = make_client(64)
    for text in corpus_texts().values():
        answer(client, text)
    cache = client.application.extensions[EXTENSION_KEY].engines["local"]._cached.cache
    assert len(cache) > 30
    really = held_bytes(cache._entries, set())
    assert really <= cache.bytes_held <= 1.3 * really


def test_a_texts_first_and_last_sentences_are_its_own_with_the_cache(
    cold: FlaskClient, cached: FlaskClient
) -> None:
    """A paragraph re-checked alone is not the text: its first word needs no capital for being
    first in that check, nor its last sentence a full stop for being last."""
    text = (
        "We open the report with the numbers from the spring.\n\n"
        "the middle part starts low and stops without its full stop\n\n"
        "The last paragraph ends the way a text should."
    )
    answer(cached, text)
    edited = text.replace("the middle part starts", "the middle part now starts")
    assert answer(cached, edited) == answer(cold, edited)
