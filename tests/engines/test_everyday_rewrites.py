"""A rewrite never reads worse: every tone, on everyday texts (tests/data/everyday), brings in
no correctness issue the text did not have, and says so when it changes nothing."""

from __future__ import annotations

from collections import Counter

import pytest

from addin_server.engines.base import RewriteOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.text.diff import apply_edits
from addin_server.tones import TONE_NAMES
from quality.rewrites import CORPUS, errors

TEXTS = sorted(path.name for path in CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine()


def test_the_corpus_has_a_dozen_kinds_of_text() -> None:
    assert len(TEXTS) >= 10


@pytest.mark.parametrize("tone", [None, *TONE_NAMES])
@pytest.mark.parametrize("name", TEXTS)
def test_no_rewrite_brings_in_an_error(engine: LocalEngine, name: str, tone: str | None) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    result = engine.rewrite(text, RewriteOptions(tone=tone))
    assert apply_edits(text, result.edits) == result.rewritten
    new = errors(engine, result.rewritten) - errors(engine, text)
    assert new == Counter()
    assert "****" not in result.rewritten
    assert result.rewritten.count("**") % 2 == 0  # emphasis goes with the word it wrapped


@pytest.mark.parametrize("tone", TONE_NAMES)
@pytest.mark.parametrize("name", TEXTS)
def test_a_tone_that_changes_nothing_says_so(engine: LocalEngine, name: str, tone: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    plain = engine.rewrite(text, RewriteOptions())
    result = engine.rewrite(text, RewriteOptions(tone=tone))
    codes = {notice.code for notice in result.warnings}
    if result.rewritten == plain.rewritten and not codes & {"tone-not-available-locally"}:
        assert "tone-no-change" in codes
    if "tone-no-change" in codes:
        assert result.rewritten == plain.rewritten
