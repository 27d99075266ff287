"""Check a long text with Harper by paragraph chunks, one pooled linter per thread.

Harper works sentence by sentence, so cutting a text between paragraphs changes nothing it
finds (a test compares the two). Every chunk borrows its own linter from the
:class:`~addin_server.engines.harper.LinterPool`, so no linter is ever shared between
threads. A chunk that fails is reported as unprocessed while the others' issues still come
back. harper-py releases the GIL while it lints, so the threads run on separate cores;
more threads than free cores only add contention (bench/bench_chunking.py measures both).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import harper

from addin_server.engines import harper as harper_backend
from addin_server.engines.base import Markup
from addin_server.engines.fanout import run_chunks, stitch_issues, unprocessed
from addin_server.records import Issue, Span
from addin_server.text.chunking import Chunk, split_into_chunks

# About 3,500 words: big enough that a linter call's fixed cost does not matter, small
# enough that a 100,000-word text gives several threads plenty of chunks.
CHUNK_CHARS = 20_000

LintFunction = Callable[..., list[Issue]]
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)


def lint_in_chunks(
    pool: harper_backend.LinterPool,
    dialect: harper.Dialect,
    text: str,
    markup: Markup,
    config: dict[str, bool],
    dictionary: frozenset[str],
    *,
    threads: int,
    chunk_chars: int = CHUNK_CHARS,
    lint: LintFunction = harper_backend.lint,
) -> tuple[tuple[Issue, ...], tuple[Span, ...]]:
    """Lint ``text`` chunk by chunk on up to ``threads`` threads.

    Returns the issues in document offsets, in order, and the ranges of chunks that failed.
    """

    def work(piece: str, chunk: Chunk) -> list[Issue]:
        with pool.borrow(dialect) as linter:
            return lint(linter, piece, markup, config, dictionary)

    outcomes = run_chunks(text, paragraph_chunks(text, chunk_chars, markup), work, threads)
    return stitch_issues(outcomes), unprocessed(outcomes)


def paragraph_chunks(text: str, chunk_chars: int, markup: Markup = Markup.PLAIN) -> list[Chunk]:
    """Cut ``text`` into chunks of at most ``chunk_chars`` characters, between paragraphs
    where possible; in Markdown a fenced code block is never cut."""
    chunks = split_into_chunks(text, chunk_chars, len)
    if markup is Markup.MARKDOWN and len(chunks) > 1:
        chunks = _keep_fences_whole(text, chunks)
    return chunks


def _keep_fences_whole(text: str, chunks: list[Chunk]) -> list[Chunk]:
    """Join chunks that meet inside a fenced code block (Harper must see both fences)."""
    fences = [match.start() for match in _FENCE.finditer(text)]
    inside = [Span(open_, close) for open_, close in zip(fences[::2], fences[1::2], strict=False)]
    if len(fences) % 2:  # an unclosed fence runs to the end, as in CommonMark
        inside.append(Span(fences[-1], len(text)))
    merged = [chunks[0]]
    for chunk in chunks[1:]:
        cut = chunk.span.start
        if any(fence.start < cut <= fence.end for fence in inside):
            joined = Span(merged[-1].span.start, chunk.span.end)
            merged[-1] = Chunk(joined, joined.length, boundary=chunk.boundary)
        else:
            merged.append(chunk)
    return merged
