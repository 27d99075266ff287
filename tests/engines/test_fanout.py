"""Running work over chunks: failures are reported per chunk, results shift back exactly."""

from __future__ import annotations

import pytest

from addin_server.engines.fanout import rewrite_pieces, run_chunks, stitch_issues, unprocessed
from addin_server.records import Category, Issue, Span
from addin_server.text.chunking import split_into_chunks
from addin_server.text.tokens import token_counter

TEXT = "First paragraph with a wurd.\n\nSecond one 👍🏽 has a wurd too.\n\nThird: wurd."
COUNTER = token_counter("o200k_base")


class PanicException(BaseException):
    """Stands in name only for pyo3's PanicException, which a Rust panic raises."""


class Interrupt(BaseException):
    """Any other BaseException must not be swallowed."""


def find_wurd(piece: str, chunk) -> list[Issue]:
    start = piece.index("wurd")
    return [Issue("test.wurd", Category.CORRECTNESS, "spelling", "wurd", Span(start, start + 4))]


def test_issues_shift_back_to_document_offsets() -> None:
    chunks = split_into_chunks(TEXT, 12, COUNTER)
    assert len(chunks) == 3
    outcomes = run_chunks(TEXT, chunks, find_wurd, max_workers=3)
    issues = stitch_issues(outcomes)
    assert [TEXT[i.span.start : i.span.end] for i in issues] == ["wurd"] * 3
    assert unprocessed(outcomes) == ()


def test_a_panicking_chunk_is_unprocessed_and_others_answer() -> None:
    def work(piece: str, chunk) -> list[Issue]:
        if "Second" in piece:
            raise PanicException("called `Option::unwrap()` on a `None` value")
        return find_wurd(piece, chunk)

    chunks = split_into_chunks(TEXT, 12, COUNTER)
    outcomes = run_chunks(TEXT, chunks, work, max_workers=2)
    assert unprocessed(outcomes) == (chunks[1].span,)
    assert len(stitch_issues(outcomes)) == 2


def test_other_base_exceptions_are_not_swallowed() -> None:
    def work(piece: str, chunk) -> None:
        raise Interrupt

    with pytest.raises(Interrupt):
        run_chunks(TEXT, split_into_chunks(TEXT, 12, COUNTER), work, max_workers=1)


def test_rewrites_join_in_order_keeping_the_whitespace_between_chunks() -> None:
    chunks = split_into_chunks(TEXT, 12, COUNTER)
    outcomes = run_chunks(TEXT, chunks, lambda piece, chunk: piece.replace("wurd", "word"), 2)
    assert "".join(rewrite_pieces(TEXT, outcomes)) == TEXT.replace("wurd", "word")
