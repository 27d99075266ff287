"""Check a long text with Harper by paragraph chunks, one pooled linter per thread.

Harper works sentence by sentence, so cutting a text between paragraphs changes nothing it
finds (a test compares the two). Every chunk borrows its own linter from the
:class:`~addin_server.engines.local.harper.LinterPool`, so no linter is ever shared between
threads. A chunk that fails is reported as unprocessed while the others' issues still come
back. harper-py releases the GIL while it lints, so the threads run on separate cores;
more threads than free cores only add contention (bench/bench_chunking.py measures both).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import harper

from addin_server.engines.base import Markup
from addin_server.engines.fanout import DEADLINE, run_chunks, stitch_issues, unprocessed
from addin_server.engines.local import harper as harper_backend
from addin_server.engines.local.lint_threads import LintThreads
from addin_server.records import Issue, Span
from addin_server.text.boundaries import Boundary
from addin_server.text.chunking import Chunk
from addin_server.text.sentences import CLOSERS

# About 3,500 words: big enough that a linter call's fixed cost does not matter, small
# enough that a 100,000-word text gives several threads plenty of chunks.
CHUNK_CHARS = 20_000

LintFunction = Callable[..., list[Issue]]
_FENCE = re.compile(r"^ {0,3}(```|~~~)", re.MULTILINE)
# Where Harper sees a new paragraph anyway: after a blank line, or a sentence end and a
# line break (with the whitespace that follows either).
_SAFE_CUT = re.compile(rf"(?:\n[^\S\n]*\n|[.!?。！？…][{re.escape(CLOSERS)}]*[^\S\n]*\n)\s*")


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
    lint_threads: LintThreads | None = None,
) -> tuple[tuple[Issue, ...], tuple[Span, ...]]:
    """Lint ``text`` chunk by chunk on up to ``threads`` threads (on ``lint_threads`` when
    given, whose threads keep Harper's per-thread dictionary warm).

    Returns the issues in document offsets, in order, and the ranges of chunks that failed
    or were not started by the request's deadline (:data:`~.fanout.DEADLINE`).
    """

    def work(piece: str, chunk: Chunk) -> list[Issue]:
        with pool.borrow(dialect) as linter:
            return lint(linter, piece, markup, config, dictionary)

    chunks = paragraph_chunks(text, chunk_chars, markup)
    on = lint_threads.executor() if lint_threads is not None else None
    outcomes = run_chunks(text, chunks, work, threads, deadline=DEADLINE.get(), pool=on)
    return stitch_issues(outcomes), unprocessed(outcomes)


def paragraph_chunks(text: str, chunk_chars: int, markup: Markup = Markup.PLAIN) -> list[Chunk]:
    """Cut ``text`` into chunks of about ``chunk_chars`` characters at most, only where Harper
    would see a new paragraph anyway: after a blank line, or after a line break that ends a
    sentence. A line break inside a sentence (hard-wrapped text, a Markdown list item) is
    never a cut, nor, in Markdown, a point inside a fenced code block."""
    fences = _fenced_blocks(text) if markup is Markup.MARKDOWN else []
    spans: list[Span] = []
    start, last = 0, 0
    for match in _SAFE_CUT.finditer(text):
        cut = match.end()
        if cut >= len(text) or any(fence.start < cut <= fence.end for fence in fences):
            continue
        if cut - start > chunk_chars and last > start:
            spans.append(Span(start, last))
            start = last
        last = cut
    if len(text) - start > chunk_chars and last > start:
        spans.append(Span(start, last))
        start = last
    if start < len(text):
        spans.append(Span(start, len(text)))
    return [Chunk(span, span.length, boundary=Boundary.PARAGRAPH) for span in spans]


def _fenced_blocks(text: str) -> list[Span]:
    """The fenced code blocks of a Markdown text (an unclosed fence runs to the end)."""
    fences = [match.start() for match in _FENCE.finditer(text)]
    blocks = [Span(open_, close) for open_, close in zip(fences[::2], fences[1::2], strict=False)]
    if len(fences) % 2:
        blocks.append(Span(fences[-1], len(text)))
    return blocks
