"""Spelling suggestions ordered by context: what a writer sees first in /v1/check."""

from __future__ import annotations

import harper
import pytest

from addin_server.engines.base import CheckOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.engines.local.spelling import FREQUENCIES, DialectWords, Ranker, context
from addin_server.records import Edit
from addin_server.text.diff import apply_edits


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine(rules=())


@pytest.fixture(scope="module")
def harper_order() -> LocalEngine:
    return LocalEngine(rules=(), context_spelling=False)


def spelling(engine: LocalEngine, text: str, **options: object) -> list[tuple[str, ...]]:
    """The suggestions of each spelling issue, in order."""
    issues = engine.check(text, CheckOptions(**options)).issues  # type: ignore[arg-type]
    return [issue.replacements for issue in issues if issue.rule_id == "harper.SpellCheck"]


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("The docters said I need rest.", "doctors"),
        ("I woud like to go.", "would"),
        ("Tell me wich one you want.", "which"),
        ("I am studing for the exam.", "studying"),
        ("He was writting a book.", "writing"),
        ("She writes to her frends every week.", "friends"),
        ("We must encurge people to recycle.", "encourage"),
        ("The problemes are solved.", "problems"),
    ],
)
def test_the_word_the_sentence_needs_comes_first(
    engine: LocalEngine, harper_order: LocalEngine, text: str, meant: str
) -> None:
    [harpers] = spelling(harper_order, text)
    [ours] = spelling(engine, text)
    assert meant in harpers and harpers[0] != meant  # Harper has it, but not first
    assert ours[0] == meant
    assert set(harpers) <= set(ours)  # reordered, nothing of Harper's lost


def test_the_same_misspelling_reads_by_its_neighbours(engine: LocalEngine) -> None:
    assert spelling(engine, "I woud like to go.")[0][0] == "would"
    assert spelling(engine, "The table is made of woud.")[0][0] == "wood"


def test_a_clearly_better_neighbour_joins_when_harper_lacks_it(
    engine: LocalEngine, harper_order: LocalEngine
) -> None:
    text = "It is completely baed on facts."
    assert "based" not in spelling(harper_order, text)[0]
    assert spelling(engine, text)[0][0] == "based"


def test_an_apostrophe_put_back_stays_first(engine: LocalEngine) -> None:
    assert spelling(engine, "I dont know.")[0][0] == "don't"


@pytest.mark.parametrize(
    ("text", "language", "meant"),
    [
        ("I like the color red.", "en-GB", "colour"),
        ("I like the colour red.", "en-US", "color"),
        ("They wanted to theorise about it.", "en-US", "theorize"),
        ("A big theatr in town.", "en-US", "theater"),
        ("A big theatr in town.", "en-GB", "theatre"),
        ("It is my favorte song.", "en-US", "favorite"),
        ("It is my favorte song.", "en-GB", "favourite"),
    ],
)
def test_the_spelling_of_the_requested_variant_comes_first(
    engine: LocalEngine, text: str, language: str, meant: str
) -> None:
    [suggestions] = spelling(engine, text, language=language)
    assert suggestions[0] == meant
    # Applying it leaves nothing for Harper to flag in that variant.
    issue = next(
        i
        for i in engine.check(text, CheckOptions(language=language)).issues
        if i.rule_id == "harper.SpellCheck"
    )
    fixed = apply_edits(text, [Edit(issue.span, issue.replacements[0])])
    assert spelling(engine, fixed, language=language) == []


@pytest.mark.parametrize(
    "text",
    ["My favourit colour is blue.", "We travelled to the theatre with our nieghbours."],
)
def test_british_text_gets_no_american_spelling(engine: LocalEngine, text: str) -> None:
    for suggestions in spelling(engine, text, language="en-GB"):
        for word in suggestions:
            assert spelling(engine, word, language="en-GB") == [], word


def test_a_term_from_the_writers_dictionary_stays_first(engine: LocalEngine) -> None:
    text = "I use Quillwize daily."
    assert spelling(engine, text, dictionary=frozenset({"Quillwise"}))[0][0] == "Quillwise"
    assert all("Quillwise" not in s for s in spelling(engine, text))


def test_initialisms_keep_harpers_order(engine: LocalEngine, harper_order: LocalEngine) -> None:
    text = "SOME INWALL POINTS"
    assert spelling(engine, text) == spelling(harper_order, text)


def test_context_stops_at_punctuation() -> None:
    text = "Well, woud you. Yes"
    start = text.index("woud")
    assert context(text, start, start + 4) == (None, "you")
    assert context("I woud, yes", 2, 6) == ("i", None)


def test_a_pair_seen_often_outweighs_a_commoner_word() -> None:
    ranker = Ranker(FREQUENCIES, harper.Dialect.AMERICAN, frozenset())
    assert FREQUENCIES.count("wood") > FREQUENCIES.count("doctors")
    assert ranker.rank("docters", ("dockers", "doctors"), "the", None)[0] == "doctors"
    assert ranker.rank("woud", ("wood", "would"), "i", "like")[0] == "would"
    assert ranker.rank("woud", ("wood", "would"), "of", None)[0] == "wood"


def test_the_writers_own_term_outranks_common_words() -> None:
    plain = Ranker(FREQUENCIES, harper.Dialect.AMERICAN, frozenset())
    theirs = Ranker(FREQUENCIES, harper.Dialect.AMERICAN, frozenset({"zorbax"}))
    suggestions = ("vortex", "zorbax")
    assert plain.rank("zorbex", suggestions, "the", "tool")[0] == "vortex"
    assert theirs.rank("zorbex", suggestions, "the", "tool")[0] == "zorbax"


def test_dialect_verdicts_stay_right_while_only_the_last_are_kept() -> None:
    """A server meets new words for ever: the verdicts are bounded, and a word asked again
    after its verdict was dropped gets the same answer."""
    words = DialectWords(kept=2)
    british, american = harper.Dialect.BRITISH, harper.Dialect.AMERICAN
    asked = [(british, "colour"), (american, "colour"), (american, "color"), (british, "zxqv")]
    first = [words.accepts(dialect, word) for dialect, word in asked]
    again = [words.accepts(dialect, word) for dialect, word in asked]
    assert first == again == [True, False, True, False]
    assert len(words._verdicts) == 2
