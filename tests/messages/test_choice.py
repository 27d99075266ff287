"""Which language a request's messages are in."""

from __future__ import annotations

import pytest

from addin_server.messages.choice import choose, supported


@pytest.mark.parametrize(
    ("tag", "language"),
    [
        ("zh-CN", "zh-CN"),
        ("zh", "zh-CN"),
        ("zh-Hans", "zh-CN"),
        ("zh-Hans-CN", "zh-CN"),
        ("zh_CN", "zh-CN"),
        ("ZH-sg", "zh-CN"),
        ("zh-TW", None),
        ("zh-Hant-HK", None),
        ("en-GB", "en"),
        ("en", "en"),
        ("fr", None),
        ("", None),
        (None, None),
    ],
)
def test_a_tag_reads_as_a_table_or_none(tag: str | None, language: str | None) -> None:
    assert supported(tag) == language


def test_the_field_wins_then_the_browser_then_english() -> None:
    assert choose(["zh-CN"], ["en-US"]) == "zh-CN"
    assert choose([None], ["fr", "zh-Hans", "en"]) == "zh-CN"
    assert choose(["fr"], ["de"]) == "en"
    assert choose([None, "zh"], []) == "zh-CN"  # LanguageTool's motherTongue
    assert choose(["en"], ["zh-CN"]) == "en"  # asked for English: English
