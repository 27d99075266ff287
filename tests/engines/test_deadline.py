"""The request's deadline: chunks not started by then are not started, and said so."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from addin_server.engines.base import CheckOptions, RewriteOptions
from addin_server.engines.fanout import DEADLINE, DeadlinePassed, run_chunks, unprocessed
from addin_server.engines.local.engine import LocalEngine
from addin_server.records import Span
from addin_server.text.chunking import Chunk


@pytest.fixture()
def passed_deadline() -> Iterator[None]:
    token = DEADLINE.set(time.monotonic() - 1)
    yield
    DEADLINE.reset(token)


def _chunks(count: int, size: int) -> list[Chunk]:
    return [Chunk(Span(i * size, (i + 1) * size), size) for i in range(count)]


def test_chunks_after_the_deadline_are_not_started() -> None:
    started: list[int] = []

    def work(piece: str, chunk: Chunk) -> int:
        started.append(chunk.span.start)
        time.sleep(0.05)
        return len(piece)

    chunks = _chunks(10, 3)
    outcomes = run_chunks("x" * 30, chunks, work, 1, deadline=time.monotonic() + 0.12)
    assert 1 <= len(started) <= 4
    assert [outcome.ok for outcome in outcomes] == [True] * len(started) + [False] * (
        10 - len(started)
    )
    assert all(isinstance(o.error, DeadlinePassed) for o in outcomes if not o.ok)
    assert unprocessed(outcomes)[0] == chunks[len(started)].span


@pytest.mark.parametrize("cache_mb", [0, 8])
def test_a_check_past_its_deadline_is_incomplete_not_wrong(
    cache_mb: int, passed_deadline: None
) -> None:
    engine = LocalEngine(cache_mb=cache_mb)
    text = "This is an test.\n\nI saw an dog."
    result = engine.check(text, CheckOptions())
    assert result.incomplete
    assert result.unprocessed == (Span(0, len(text)),)
    assert not [issue for issue in result.issues if issue.rule_id.startswith("harper.")]


def test_the_cache_keeps_what_was_done_and_forgets_what_was_not() -> None:
    engine = LocalEngine(cache_mb=8)
    text = "This is an test.\n\nI saw an dog."
    token = DEADLINE.set(time.monotonic() - 1)
    try:
        assert engine.check(text, CheckOptions()).incomplete
    finally:
        DEADLINE.reset(token)
    again = engine.check(text, CheckOptions())  # nothing incomplete was remembered
    assert not again.incomplete
    assert [issue.rule_id for issue in again.issues].count("harper.AnA") == 2


def test_a_rewrite_that_cannot_be_rechecked_keeps_the_text(passed_deadline: None) -> None:
    text = "This is an test. We gonna win!!!"
    result = LocalEngine().rewrite(text, RewriteOptions(tone="formal"))
    assert result.rewritten == text and result.edits == ()
    assert result.unprocessed == (Span(0, len(text)),)


def test_no_deadline_no_change() -> None:
    assert DEADLINE.get() is None
    result = LocalEngine().check("I saw an dog.", CheckOptions())
    assert not result.incomplete and result.issues
