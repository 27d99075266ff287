"""Ideas worth reading: on the everyday texts (tests/data/everyday), every idea is a sentence
the engine's own check finds no error in, with no word doubled, built from key phrases of
the body that occur in the text (no greeting, signature, name or flagged word)."""

from __future__ import annotations

import pytest
import regex

from addin_server.engines.base import CheckOptions, IdeaOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.engines.local.idea_phrases import body_only, flagged_spans
from addin_server.engines.local.ideas import MAX_PHRASES, idea_body
from addin_server.records import Category, IdeaKind
from addin_server.text.keyphrases import key_phrases
from quality.rewrites import CORPUS

TEXTS = sorted(path.name for path in CORPUS.glob("*.txt"))
KINDS = ("email", "student_paragraph", "memo", "chat", "cover_letter", "product_blurb")
KINDS += ("meeting_notes", "review", "report", "apology")
# The outline's first idea quotes the text's own words, slips included.
QUOTES_THE_TEXT = "Outline of the text"
DOUBLED = regex.compile(r"\b(\w+)\s+\1\b", regex.IGNORECASE)


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine()


def test_the_corpus_has_the_ten_kinds_of_text() -> None:
    assert {name.removesuffix(".txt") for name in TEXTS} >= set(KINDS)


@pytest.mark.parametrize("name", TEXTS)
def test_every_idea_reads_as_english(engine: LocalEngine, name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    ideas = engine.ideas(text, IdeaOptions(count=4)).ideas
    assert {idea.kind for idea in ideas} == set(IdeaKind)
    for idea in ideas:
        for sentence in (idea.title, idea.text):
            assert not DOUBLED.search(sentence), sentence
            if idea.title == QUOTES_THE_TEXT:
                continue
            errors = [
                (issue.rule_id, sentence[issue.span.start : issue.span.end])
                for issue in engine.check(sentence, CheckOptions()).issues
                if issue.category is Category.CORRECTNESS
            ]
            assert errors == [], sentence


@pytest.mark.parametrize("name", TEXTS)
def test_key_phrases_come_from_the_body_and_occur_in_it(engine: LocalEngine, name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    flagged = flagged_spans(engine.check(text, CheckOptions()).issues)
    body, tags = idea_body(text, flagged)
    phrases = [phrase.text for phrase in key_phrases(body, MAX_PHRASES, tags)]
    assert phrases
    flagged_words = {text[span.start : span.end].lower() for span in flagged}
    for phrase in phrases:
        assert phrase.lower() in text.lower(), phrase
        assert phrase.lower() in body.lower(), phrase  # not from a greeting or a signature
        assert not any(word.lower() in flagged_words for word in phrase.split()), phrase
        assert not any(word[:1].isupper() and word[1:].islower() for word in phrase.split())


@pytest.mark.parametrize(
    ("text", "left_out"),
    [
        ("Hi Dana,\n\nThe totals match.\n\nBest,\nSam", ["Hi Dana,", "Best,", "Sam"]),
        ("Re: budget\nSubject: budget\n\nThe totals match.", ["Re: budget", "Subject: budget"]),
        ("Dear Ms. Mensah,\n\nThe totals match.\n\nYours sincerely,\nChidi Eze", ["Chidi Eze"]),
        ("Meeting notes, 4 March\n\n- The totals match.", ["Meeting notes, 4 March"]),
        ("# Plans\n\nThe totals match.", ["# Plans"]),
    ],
)
def test_greetings_signatures_headers_and_titles_are_not_the_body(
    text: str, left_out: list[str]
) -> None:
    body = body_only(text)
    assert len(body) == len(text)
    for part in left_out:
        start = text.index(part)
        assert not body[start : start + len(part)].strip(), part
    assert "The totals match." in body


def test_a_sentence_that_starts_with_thanks_is_body() -> None:
    text = "Thanks for sending the numbers. The totals match."
    assert body_only(text) == text


def test_a_flagged_word_is_never_echoed(engine: LocalEngine) -> None:
    text = "Thanks alot for the recieved budget report. The budget report matters."
    ideas = engine.ideas(text, IdeaOptions(count=4)).ideas
    words = " ".join(
        f"{idea.title} {idea.text}" for idea in ideas if idea.title != QUOTES_THE_TEXT
    ).lower()
    assert "alot" not in words and "recieved" not in words
    assert "budget report" in words
