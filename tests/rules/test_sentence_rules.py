"""Sentence rules: a cheap trigger picks the sentences worth parsing, parsed once."""

from __future__ import annotations

from addin_server.rules import builtin_rules, sentence_rules
from addin_server.rules.base import Document


def test_only_triggered_sentences_are_parsed() -> None:
    builtin_rules()  # the grammar rules register their triggers as they load
    document = Document("The sky is blue. A bag of apples were here. Birds sing.")
    parses = sentence_rules.parses(document)
    assert set(parses) == {"A bag of apples were here."}
    assert sentence_rules.parses(document) is parses  # once per document
