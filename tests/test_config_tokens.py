"""The chunking and token settings: defaults, parsing, and clear errors."""

from __future__ import annotations

import pytest

from addin_server import ConfigError, Settings


def test_defaults_and_parsing() -> None:
    defaults = Settings.load({})
    assert (
        defaults.chunking.encoding,
        defaults.chunking.context_tokens,
        defaults.chunking.max_chunk_tokens,
    ) == (
        "o200k_base",
        8192,
        2000,
    )
    custom = Settings.load(
        {
            "ADDIN_ENCODING": "CL100K_BASE",
            "ADDIN_CONTEXT_TOKENS": "32_768",
            "ADDIN_MAX_CHUNK_TOKENS": "1500",
        }
    )
    assert (
        custom.chunking.encoding,
        custom.chunking.context_tokens,
        custom.chunking.max_chunk_tokens,
    ) == (
        "cl100k_base",
        32768,
        1500,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ADDIN_ENCODING", "p50k_base"),
        ("ADDIN_CONTEXT_TOKENS", "lots"),
        ("ADDIN_CONTEXT_TOKENS", "100"),
        ("ADDIN_MAX_CHUNK_TOKENS", "-1"),
    ],
)
def test_invalid_values_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.load({variable: value})
