"""The quality bar: clean, well-edited English gets no correctness issue from the local
engine. Where Harper raised false alarms here, the engine was fixed
(engines/local/harper_tuning.py), never this test."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from addin_server.engines.base import CheckOptions, Markup
from addin_server.engines.local.engine import LocalEngine
from addin_server.records import Category
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "clean_prose"
_CONFIG = tomllib.loads((CORPUS / "corpus.toml").read_text(encoding="utf-8"))
GUIDES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TEXTS = {
    **{str(CORPUS / name): config for name, config in _CONFIG["texts"].items()},
    **{str(path): _CONFIG["guides"] for path in GUIDES},
}


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine()


def test_the_corpus_covers_every_text_our_readme_and_our_guides() -> None:
    files = {path.name for path in (*CORPUS.glob("*.txt"), *CORPUS.glob("*.md"))}
    files.discard("README.md")  # the corpus's own notes
    assert files == set(_CONFIG["texts"])
    assert len(GUIDES) > 10  # the README and docs/*.md were found
    assert sum(len(Path(name).read_text().split()) for name in TEXTS) > 2000


@pytest.mark.parametrize("name", sorted(TEXTS), ids=lambda name: Path(name).name)
def test_clean_prose_gets_no_correctness_issue(engine: LocalEngine, name: str) -> None:
    config = TEXTS[name]
    text = Path(name).read_text(encoding="utf-8")
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
