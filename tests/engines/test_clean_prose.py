"""The quality bar: clean, well-edited English gets no correctness issue from the local
engine. Where Harper raised false alarms here, the engine was fixed
(engines/local/harper_tuning.py), never this test."""

from __future__ import annotations

import tomllib

import pytest

from addin_server.engines.base import CheckOptions, Markup
from addin_server.engines.local.engine import LocalEngine
from addin_server.records import Category
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "clean_prose"
TEXTS = tomllib.loads((CORPUS / "corpus.toml").read_text(encoding="utf-8"))["texts"]


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine()


def test_the_corpus_covers_every_text_and_our_readme() -> None:
    files = {path.name for path in (*CORPUS.glob("*.txt"), *CORPUS.glob("*.md"))}
    files.discard("README.md")  # the corpus's own notes
    assert files == {name for name in TEXTS if not name.startswith("../")}
    assert (CORPUS / "../../../README.md").resolve() == ROOT / "README.md"
    assert sum(len((CORPUS / name).read_text().split()) for name in TEXTS) > 2000


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_clean_prose_gets_no_correctness_issue(engine: LocalEngine, name: str) -> None:
    config = TEXTS[name]
    text = (CORPUS / name).read_text(encoding="utf-8")
    options = CheckOptions(
        language=config["language"],
        markup=Markup.MARKDOWN if config.get("markdown") else Markup.PLAIN,
        dictionary=frozenset(config.get("dictionary", ())),
    )
    result = engine.check(text, options)
    alarms = [
        (issue.rule_id, text[issue.span.start : issue.span.end], issue.message)
        for issue in result.issues
        if issue.category is Category.CORRECTNESS
    ]
    assert alarms == []
    assert result.warnings == ()
