"""Adverb-heavy sentences draw one notice each, naming every adverb inside its span."""

from __future__ import annotations

import re

from addin_server.engines.base import CheckOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.rules.base import Document
from addin_server.rules.style.adverbs import RULE

TEXT = (
    "She really quickly and quietly ran home, suddenly scared. "
    "He left early. They slowly, carefully, gently and softly closed it."
)


def test_one_notice_per_sentence_naming_each_adverb_inside_its_span() -> None:
    notices = list(RULE.find(Document(TEXT)))
    assert len(notices) == 2
    for notice, adverbs in zip(
        notices,
        (["really", "quickly", "quietly", "suddenly"], ["slowly", "carefully", "gently", "softly"]),
        strict=True,
    ):
        assert re.findall(r"“(\w+)”", notice.message) == adverbs
        stretch = TEXT[notice.span.start : notice.span.end]
        assert stretch.startswith(adverbs[0]) and stretch.endswith(adverbs[-1])
        assert all(re.search(rf"\b{adverb}\b", stretch) for adverb in adverbs)


def test_the_notice_does_not_hide_an_error_between_the_adverbs() -> None:
    text = "She really quickly and quietly ran hoem, suddenly scared."
    issues = LocalEngine().check(text, CheckOptions()).issues
    assert [i.rule_id for i in issues if i.rule_id == "style.adverbs"] == ["style.adverbs"]
    assert any(text[i.span.start : i.span.end] == "hoem" for i in issues)
