"""The Chinese reads as one careful editor wrote it: the glossary's term for each thing,
never a synonym of it, full-width punctuation, English only inside quotes."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from addin_server.messages.catalog import DATA, ENGLISH, table

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = tomllib.loads((DATA / "glossary.toml").read_text("utf-8"))["term"]
CHINESE = table("zh-CN")
_PARAMETER = re.compile(r"\{\w+\}")
_QUOTED = re.compile(r"“[^”]*”")
_PANE_STRING = re.compile(r"^\s*'[^']+':\s*'((?:[^'\\]|\\.)*)',?\s*$", re.MULTILINE)


def pane_strings() -> list[str]:
    """The values of the pane's Chinese string table."""
    source = (ROOT / "taskpane" / "i18n" / "zh-CN.js").read_text("utf-8")
    return _PANE_STRING.findall(source)


@pytest.mark.parametrize("term", [t for t in GLOSSARY if "en_pattern" in t], ids=lambda t: t["en"])
def test_a_message_about_a_term_uses_the_glossarys_word_for_it(term: dict) -> None:
    pattern = re.compile(term["en_pattern"], re.IGNORECASE)
    wanted = term["zh-CN"]
    matched, lacking = 0, []
    for message_id, template in table(ENGLISH).items():
        if message_id in term.get("except", ()) or not pattern.search(_PARAMETER.sub("", template)):
            continue
        matched += 1
        if wanted not in CHINESE[message_id]:
            lacking.append(message_id)
    assert lacking == [], f"these say “{term['en']}” but not {wanted}"
    assert matched, "a pattern that matches nothing"


@pytest.mark.parametrize("term", [t for t in GLOSSARY if t.get("avoid")], ids=lambda t: t["en"])
def test_no_translation_uses_a_word_the_glossary_avoids(term: dict) -> None:
    texts = [*CHINESE.values(), *pane_strings()]
    used = sorted({word for word in term["avoid"] for text in texts if word in text})
    assert used == [], f"use {term['zh-CN']} instead"


def test_the_pane_table_is_read() -> None:
    assert len(pane_strings()) > 150


@pytest.mark.parametrize("message_id", sorted(CHINESE))
def test_chinese_punctuation_is_full_width_and_english_is_quoted(message_id: str) -> None:
    bare = _QUOTED.sub("“”", _PARAMETER.sub("", CHINESE[message_id]))
    assert not re.search(r"[,:;?!()]", bare), "use ，：；？！（）"
    assert not re.search(r"\.(?!\.)", bare.replace("...", "")), "use 。"
    assert not re.search(r"[A-Za-z]", bare), "English words go inside “”"
    assert not re.search(r"\s“|”\s", CHINESE[message_id]), "no space around quotes"
    if not message_id.startswith("lt."):  # LanguageTool's names are labels, not sentences
        assert CHINESE[message_id][-1] in "。？）", "a message ends as a sentence does"
