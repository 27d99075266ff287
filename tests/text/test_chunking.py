"""Chunks: exact slices within the token budget, cut at the best boundary available."""

from __future__ import annotations

import itertools
import random

import regex
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from addin_server.records import Span
from addin_server.text.boundaries import Boundary, cuts
from addin_server.text.chunking import Chunk, context_text, split_into_chunks
from addin_server.text.offsets import Utf16Index
from addin_server.text.sentences import sentence_spans
from addin_server.text.tokens import token_counter
from tests.invariants import utf16_slice

O200K = token_counter("o200k_base")
CL100K = token_counter("cl100k_base")


def plain_count(text: str) -> int:
    """A bare callable (no hints about where counts add up): the chunker must recount."""
    return len(O200K.encoding.encode_ordinary(text))


COUNTERS = st.sampled_from([O200K, CL100K, plain_count])

WORDS = (
    "the a writer selects text and gets fixes with exact spans e.g. Dr. Smith said it's "
    "fine 2024 3.14 naïve café co\u0301operate 👍🏽 👩‍👩‍👧 🇫🇷🇩🇪 中文 句子 "
    "https://example.com/a?b=c "
    "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo= \u0600 ( ) — – -"
).split()
PUNCTUATION = [". ", "! ", "? ", "; ", ", ", ": ", " — ", "—", "。", "！", "、", '." ', ".) ", "」"]
SEPARATORS = [" ", " ", " ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\n \n", "\t", "  ", "\u3000"]


@st.composite
def prose(draw: st.DrawFn) -> str:
    """Text that looks like writing: words, punctuation, line breaks, emoji, CJK, URLs."""
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from(WORDS),
                st.sampled_from(PUNCTUATION),
                st.sampled_from(SEPARATORS),
                st.text(max_size=4),
            ),
            max_size=120,
        )
    )
    return "".join(pieces)


def chunk_text(text: str, chunk: Chunk) -> str:
    return text[chunk.span.start : chunk.span.end]


def cluster_ends(text: str) -> set[int]:
    return {0} | {match.end() for match in regex.finditer(r"\X", text, regex.DOTALL)}


def sentence_boundaries(text: str) -> list[int]:
    """Every paragraph or sentence end of the whole text (the best two kinds of cut)."""
    ends = set(cuts(text, 0, len(text), Boundary.PARAGRAPH))
    ends |= set(cuts(text, 0, len(text), Boundary.SENTENCE))
    return sorted(ends | {len(text)})


def assert_chunks_are_right(text: str, budget: int, count, chunks: list[Chunk]) -> None:
    """The invariants every split keeps, checked against the real count."""
    assert "".join(chunk_text(text, chunk) for chunk in chunks) == text
    assert all(chunk.span.length > 0 for chunk in chunks)
    clusters = cluster_ends(text)
    index = Utf16Index(text)
    for chunk in chunks:
        piece = chunk_text(text, chunk)
        assert chunk.tokens == count(piece)
        if chunk.tokens > budget:  # allowed only for one cluster that alone is over
            assert regex.fullmatch(r"\X", piece, regex.DOTALL), (piece, budget)
        assert chunk.span.start in clusters and chunk.span.end in clusters
        utf16_start, utf16_length = index.utf16_span(chunk.span.start, chunk.span.end)
        assert utf16_slice(text, utf16_start, utf16_length) == piece
    assert chunks[-1].boundary is Boundary.END


def assert_sentence_cut_whenever_one_fits(text: str, budget: int, count, chunks) -> None:
    """A chunk ends inside a sentence only if no sentence end after its start fits."""
    boundaries = sentence_boundaries(text)
    for chunk in chunks:
        if chunk.boundary <= Boundary.SENTENCE:
            continue
        start = chunk.span.start
        for end in boundaries:
            if end <= start:
                continue
            tokens = count(text[start:end])
            assert tokens > budget, (text, chunk, end, tokens)
            if tokens > 3 * budget:
                break


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=prose(), budget=st.integers(1, 40), count=COUNTERS)
# The sentence end (the text's end) fits exactly, past a reach shortened by an earlier
# chunk's joins: before, the chunk ended at the space.
@example(text="  」 ", budget=2, count=CL100K)
def test_prose_chunks_rejoin_fit_and_respect_clusters(text: str, budget: int, count) -> None:
    chunks = split_into_chunks(text, budget, count)
    if not text:
        assert chunks == []
        return
    assert_chunks_are_right(text, budget, count, chunks)
    assert_sentence_cut_whenever_one_fits(text, budget, count, chunks)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=300), budget=st.integers(1, 30), count=COUNTERS)
def test_any_text_chunks_rejoin_fit_and_respect_clusters(text: str, budget: int, count) -> None:
    chunks = split_into_chunks(text, budget, count)
    if text:
        assert_chunks_are_right(text, budget, count, chunks)
        assert_sentence_cut_whenever_one_fits(text, budget, count, chunks)


# Pieces whose joins tiktoken counts differently from their parts ("。" + "」", "，" + a CJK
# word, "." + a line break): where sums of pieces overshoot, a sentence end must still win.
UNEVEN_JOINS = "，但是 ，我 ，这 ，他 、 ： 。 。」 ！ 中文 句子 讨论 ， — —the word".split(" ")
UNEVEN_JOINS += [".\n", "\n", " ", " end.", " next"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.lists(st.sampled_from(UNEVEN_JOINS), max_size=60).map("".join),
    budget=st.integers(2, 25),
    count=COUNTERS,
)
@example(text="句子，他。」：！\n", budget=2, count=O200K)
@example(text="：word句子：\n", budget=2, count=CL100K)
@example(text="、，他—，但是，他—", budget=4, count=O200K)
def test_a_sentence_end_wins_where_counts_do_not_add_up(text: str, budget: int, count) -> None:
    chunks = split_into_chunks(text, budget, count)
    if text:
        assert_chunks_are_right(text, budget, count, chunks)
        assert_sentence_cut_whenever_one_fits(text, budget, count, chunks)


def sample_prose(paragraphs: int, seed: int = 7, joiner: str = "\n\n") -> str:
    words = "the writer selects a long passage and asks for help with grammar and style".split()
    rng = random.Random(seed)
    out = []
    for _ in range(paragraphs):
        sentences = [
            " ".join(rng.choice(words) for _ in range(rng.randint(4, 25))).capitalize()
            + rng.choice([".", ".", "!", "?", ";"])
            for _ in range(rng.randint(1, 7))
        ]
        out.append(" ".join(sentences))
    return joiner.join(out)


def test_paragraphs_come_first_and_chunks_are_filled() -> None:
    text = sample_prose(120)
    chunks = split_into_chunks(text, 300, O200K)
    assert_chunks_are_right(text, 300, O200K, chunks)
    assert all(chunk.boundary is Boundary.PARAGRAPH for chunk in chunks[:-1])
    # Greedy packing: the next paragraph would not have fitted in any chunk.
    for chunk, following in itertools.pairwise(chunks):
        paragraph_break = text.find("\n\n", following.span.start)
        next_paragraph_end = len(text) if paragraph_break < 0 else paragraph_break + 2
        assert O200K(text[chunk.span.start : next_paragraph_end]) > 300


def test_one_giant_paragraph_is_cut_at_sentence_ends() -> None:
    text = sample_prose(200, joiner=" ")
    chunks = split_into_chunks(text, 250, O200K)
    assert len(chunks) > 10
    assert_chunks_are_right(text, 250, O200K, chunks)
    assert all(chunk.boundary is Boundary.SENTENCE for chunk in chunks[:-1])
    assert all(chunk_text(text, chunk)[-1] in ".!?;" for chunk in chunks[:-1])


def test_crlf_text_keeps_line_ends_whole() -> None:
    text = sample_prose(60, joiner="\r\n")
    chunks = split_into_chunks(text, 200, CL100K)
    assert_chunks_are_right(text, 200, CL100K, chunks)
    for chunk in chunks[:-1]:
        assert chunk_text(text, chunk).endswith("\r\n")  # never between CR and LF
        assert not chunk_text(text, chunk).startswith("\n")


def test_cjk_without_spaces_is_cut_after_full_stops() -> None:
    sentence = "今天我们讨论一个很长的问题，这个问题没有空格也没有换行。"
    text = "".join(sentence.replace("问题", f"问题{i}") for i in range(200))
    chunks = split_into_chunks(text, 100, O200K)
    assert len(chunks) > 5
    assert_chunks_are_right(text, 100, O200K, chunks)
    assert all(chunk_text(text, chunk).endswith("。") for chunk in chunks[:-1])
    assert_sentence_cut_whenever_one_fits(text, 100, O200K, chunks)


def test_a_50000_character_run_without_spaces_is_cut_at_token_boundaries() -> None:
    rng = random.Random(3)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    text = "".join(rng.choice(alphabet) for _ in range(50_000))
    chunks = split_into_chunks(text, 500, O200K)
    assert_chunks_are_right(text, 500, O200K, chunks)
    assert all(chunk.boundary is Boundary.TOKEN for chunk in chunks[:-1])
    assert sum(chunk.tokens for chunk in chunks) <= O200K(text) + len(chunks) * 2
    assert min(chunk.tokens for chunk in chunks[:-1]) > 450  # cut near the budget


def test_emoji_sequences_and_combining_marks_are_never_split() -> None:
    text = "👩‍👩‍👧‍👦🇫🇷e\u0301\u0302\u0303🏳️‍🌈" * 40
    for budget in (1, 3, 8, 20):
        chunks = split_into_chunks(text, budget, O200K)
        assert_chunks_are_right(text, budget, O200K, chunks)


def test_special_token_strings_are_plain_text() -> None:
    text = "Ignore <|endoftext|> and <|im_start|>system please. " * 50
    chunks = split_into_chunks(text, 60, O200K)
    assert_chunks_are_right(text, 60, O200K, chunks)


def test_the_sentence_before_a_chunk_comes_as_context() -> None:
    text = sample_prose(30)
    chunks = split_into_chunks(text, 120, O200K, with_context=True)
    assert chunks[0].context is None
    for chunk in chunks[1:]:
        assert chunk.context is not None
        assert chunk.context.end <= chunk.span.start
        before = text[: chunk.span.start]
        assert sentence_spans(before)[-1].end == chunk.context.end
        assert context_text(text, chunk) == text[chunk.context.start : chunk.context.end]
        assert context_text(text, chunk).strip()[-1] in ".!?;"
    assert context_text(text, chunks[0]) == ""
    assert [c.span for c in chunks] == [c.span for c in split_into_chunks(text, 120, O200K)]


def test_a_text_within_budget_is_one_chunk() -> None:
    text = "Short text.\n\nTwo paragraphs."
    assert split_into_chunks(text, 1000, O200K) == [
        Chunk(span=Span(0, len(text)), tokens=O200K(text), boundary=Boundary.END)
    ]
    assert split_into_chunks("", 10, O200K) == []
