"""The per-paragraph cache gives the answer a cold check gives, whatever was checked before."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from addin_server import create_app
from addin_server.engines.base import CheckOptions
from addin_server.engines.local.check_cache import CROSS_PARAGRAPH_RULES
from addin_server.engines.local.engine import LocalEngine
from addin_server.engines.local.result_cache import (
    MemoryResults,
    ParagraphResult,
    StoredResults,
    decode,
    encode,
)
from addin_server.records import Category, Issue, Severity, Span
from addin_server.rules import builtin_rules
from addin_server.store.blobs import BlobCache

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
    """The check's answer, without what it says of the cache (which cold answers lack)."""
    return answer_and_cache(client, text, **fields)[0]


def answer_and_cache(
    client: FlaskClient, text: str, **fields: Any
) -> tuple[dict[str, Any], dict[str, int] | None]:
    """The check's answer, and what it says of the paragraph cache."""
    response = client.post("/v1/check", json={"text": text, **fields})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    return body, body.pop("cache")


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


def test_a_dictionary_change_misses_the_cache(cold: FlaskClient, cached: FlaskClient) -> None:
    text = "The Zorbleck team met.\n\nWe shiped it on Tuesday."
    answer(cached, text)
    assert answer_and_cache(cached, text)[1] == {"paragraphs": 2, "from_cache": 2}
    with_word, use = answer_and_cache(cached, text, dictionary=["Zorbleck"])
    assert use == {"paragraphs": 2, "from_cache": 0}
    assert with_word == answer(cold, text, dictionary=["Zorbleck"])
    assert "Zorbleck" not in [issue["text"] for issue in with_word["issues"]]
    assert answer_and_cache(cached, text, disabled_rules=["harper.SpellCheck"])[1] == {
        "paragraphs": 2,
        "from_cache": 0,
    }


def test_a_cold_answer_says_the_cache_was_not_used(cold: FlaskClient) -> None:
    assert answer_and_cache(cold, "We met.\n\nWe left.")[1] is None


def test_only_the_cross_paragraph_rules_read_across_paragraphs() -> None:
    assert {rule.info.id for rule in builtin_rules()} >= CROSS_PARAGRAPH_RULES


def an_issue(message: str = "m") -> Issue:
    return Issue(
        "harper.SpellCheck", Category.CORRECTNESS, "spelling", message, Span(0, 3), ("the",),
        Severity.ERROR, "Spelling.",
    )  # fmt: skip


def test_the_memory_cache_keeps_within_its_budget_and_forgets_the_oldest() -> None:
    result = ParagraphResult((an_issue(),), (), ())
    cache = MemoryResults(max_bytes=result.size() * 3)
    for n in range(10):
        cache.put(bytes([n]), result)
    assert len(cache) == 3 and cache.bytes_held <= cache.max_bytes
    assert cache.get(bytes([0])) is None and cache.get(bytes([9])) == result


def test_a_stored_result_reads_back_equal() -> None:
    # With its message's id and parameters: a hit says it in the writer's language too.
    said = replace(an_issue(), message_id="harper.SpellCheck", params=(("word", "teh"),))
    result = ParagraphResult((an_issue("“teh” 👍🏽"),), (an_issue(), said), ())
    assert decode(encode(result)) == result
    assert decode(b"not a result") is None


def test_the_stored_cache_keeps_its_files_within_the_budget(tmp_path: Path) -> None:
    """``ADDIN_CACHE_MB`` bounds what the cache's files take (its pages and its log), the
    oldest entries going first, whatever is put in."""
    budget = 2_000_000
    cache = StoredResults(BlobCache(tmp_path, budget))
    results = [
        ParagraphResult(tuple(an_issue(f"{n} {k}") for k in range(8)), (), ()) for n in range(6000)
    ]
    for start in range(0, len(results), 30):  # a check stores its new paragraphs at once
        cache.put_many([(n.to_bytes(2, "big"), results[n]) for n in range(start, start + 30)])
    on_disk = sum(path.stat().st_size for path in tmp_path.iterdir())
    assert on_disk <= budget
    assert cache.blobs.bytes_held <= budget
    kept = cache.get_many([n.to_bytes(2, "big") for n in range(6000)])
    assert kept[-1] == results[-1] and kept[0] is None
    assert 2000 < sum(result is not None for result in kept) < 6000


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


def test_the_memory_budget_counts_what_the_entries_really_take() -> None:
    """An engine on its own keeps its cache in memory: its count of the bytes it holds is
    no lower than what its entries take, and not much higher (a budget that counted half
    would let the cache take twice the memory the setting says)."""
    engine = LocalEngine(cache_mb=64)
    for text in corpus_texts().values():
        engine.check(text, CheckOptions())
    cache = engine._cached.cache
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
