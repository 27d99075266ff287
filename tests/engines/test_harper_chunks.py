"""Harper on long texts: chunked between paragraphs, linted in parallel, stitched exactly."""

from __future__ import annotations

import random

import harper
import pytest

from addin_server.engines.base import CheckOptions, Markup
from addin_server.engines.local import harper as harper_backend
from addin_server.engines.local.engine import LocalEngine
from addin_server.engines.local.harper_chunks import lint_in_chunks, paragraph_chunks
from addin_server.records import Issue

DIALECT = harper.Dialect.AMERICAN
SENTENCES = [
    "Their is a error in this sentance.",
    "The writer selects a long passage and asks for help.",
    "He go home after the meeting 👩‍👩‍👧 ended.",
    "Naïve readers rarely notice teh small mistakes.",
    "This sentence is fine.",
    "中文 text with an emoji 👍🏽 and a mispeled word.",
]


def document(paragraphs: int, seed: int = 5) -> str:
    rng = random.Random(seed)
    return "\n\n".join(
        " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6))) for _ in range(paragraphs)
    )


def whole_text_lint(text: str, markup: Markup = Markup.PLAIN) -> list[Issue]:
    with harper_backend.LinterPool().borrow(DIALECT) as linter:
        return harper_backend.lint(
            linter, text, markup, harper_backend.default_config(), frozenset()
        )


def chunked_lint(text: str, markup: Markup = Markup.PLAIN, **kwargs) -> tuple:
    return lint_in_chunks(
        harper_backend.LinterPool(),
        DIALECT,
        text,
        markup,
        harper_backend.default_config(),
        frozenset(),
        **{"threads": 3, "chunk_chars": 600, **kwargs},
    )


def test_chunked_lint_finds_what_one_call_finds_at_the_same_offsets() -> None:
    text = document(80)
    assert len(paragraph_chunks(text, 600)) > 10
    issues, unprocessed = chunked_lint(text)
    assert unprocessed == ()
    assert list(issues) == whole_text_lint(text)
    assert {text[i.span.start : i.span.end] for i in issues} >= {"sentance", "teh", "mispeled"}


def test_a_failing_chunk_is_reported_and_the_others_still_answer() -> None:
    text = document(40)

    def lint_that_fails_on_one_word(linter, piece: str, *args) -> list[Issue]:
        if "mispeled" in piece:
            raise RuntimeError("this chunk breaks the linter")
        return harper_backend.lint(linter, piece, *args)

    issues, unprocessed = chunked_lint(text, lint=lint_that_fails_on_one_word)
    assert unprocessed, "some chunks hold the word"
    for span in unprocessed:
        assert "mispeled" in text[span.start : span.end]
    assert all(not span.overlaps(issue.span) for span in unprocessed for issue in issues)
    outside = [i for i in whole_text_lint(text) if not any(s.overlaps(i.span) for s in unprocessed)]
    assert list(issues) == outside


def test_markdown_code_fences_are_never_cut() -> None:
    code = "```\nteh code\n\nstill teh code\n\nmore teh code\n```"
    text = "\n\n".join([document(6, seed=1), code, document(6, seed=2)])
    fence_start, fence_end = text.index("```"), text.rindex("```")
    chunks = paragraph_chunks(text, 200, Markup.MARKDOWN)
    assert len(chunks) > 3
    assert not any(fence_start < c.span.start <= fence_end for c in chunks)
    assert any(fence_start < c.span.start <= fence_end for c in paragraph_chunks(text, 200))
    issues, _ = chunked_lint(text, Markup.MARKDOWN, chunk_chars=200)
    assert not [i for i in issues if fence_start <= i.span.start < fence_end]


@pytest.mark.parametrize("markup", [Markup.PLAIN, Markup.MARKDOWN])
def test_hard_wrapped_text_is_never_cut_inside_a_sentence(markup: Markup) -> None:
    wrapped = "\n".join(
        [
            "- The writer selects a long passage, and the",
            "  server checks it; the",
            "  result is fine.",
        ]
        * 40
    )
    chunks = paragraph_chunks(wrapped, 300, markup)
    assert len(chunks) > 3
    for chunk in chunks[1:]:
        assert wrapped[: chunk.span.start].rstrip().endswith(".")
    issues, _ = chunked_lint(wrapped, markup, chunk_chars=300)
    assert list(issues) == whole_text_lint(wrapped, markup)


@pytest.mark.parametrize("threads", [1, 4])
def test_the_local_engine_checks_long_texts_in_chunks(threads: int) -> None:
    text = document(400)
    engine = LocalEngine(chunk_threads=threads)
    result = engine.check(text, CheckOptions())
    assert not result.incomplete
    misspelled = [i for i in result.issues if text[i.span.start : i.span.end] == "sentance"]
    assert len(misspelled) == text.count("sentance")
