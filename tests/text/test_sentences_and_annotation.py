"""Sentence boundaries and LanguageTool's annotated text."""

from __future__ import annotations

import pytest

from addin_server.text.annotation import AnnotationError, parse_annotation
from addin_server.text.sentences import SentenceIndex, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[span.start : span.end] for span in sentence_spans(text)]


def test_sentences_end_at_marks_and_keep_closing_quotes() -> None:
    text = 'He said "stop." Then he left! Did he? Yes (really.) Fine'
    assert sentences(text) == [
        'He said "stop."',
        "Then he left!",
        "Did he?",
        "Yes (really.)",
        "Fine",
    ]


def test_abbreviations_and_initials_do_not_end_sentences() -> None:
    text = "Dr. Smith met J. R. Tolkien, e.g. at noon. Then tea."
    assert sentences(text) == ["Dr. Smith met J. R. Tolkien, e.g. at noon.", "Then tea."]


def test_cjk_and_paragraphs() -> None:
    assert sentences("日本語です。中文！好吗？") == ["日本語です。", "中文！", "好吗？"]
    assert sentences("Title\n\nBody text") == ["Title", "Body text"]


def test_sentence_around() -> None:
    text = "One two. Three four."
    index = SentenceIndex(text)
    span = index.around(text.index("four"))
    assert text[span.start : span.end] == "Three four."


def test_annotation_maps_offsets_back_to_the_document() -> None:
    annotated = parse_annotation(
        [
            {"text": "A "},
            {"markup": "<b>"},
            {"text": "test"},
            {"markup": "<br/>", "interpretAs": "\n"},
        ]
    )
    assert annotated.document == "A <b>test<br/>"
    assert annotated.checked == "A test\n"
    start, end = annotated.to_document(2, 6)
    assert annotated.document[start:end] == "test"
    start, end = annotated.to_document(0, 2)
    assert annotated.document[start:end] == "A "


@pytest.mark.parametrize("items", ["text", [{"x": 1}], [1], [{"markup": "<b>", "interpretAs": 3}]])
def test_bad_annotations_are_refused(items: object) -> None:
    with pytest.raises(AnnotationError):
        parse_annotation(items)
