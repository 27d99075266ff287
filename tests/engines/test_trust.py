"""Suggestions a writer trusts (issue 13): names are not errors, no crude suggestion, a
rewrite never makes an error, and a tone says when it did nothing."""

from __future__ import annotations

import pytest

from addin_server.engines.base import CheckOptions, RewriteOptions
from addin_server.engines.local.decency import is_offensive, without_offensive_replacements
from addin_server.engines.local.engine import LocalEngine
from addin_server.engines.local.recheck import without_new_errors
from addin_server.records import Category, CheckResult, Edit, Issue, Severity, Span
from addin_server.text.diff import apply_edits


@pytest.fixture(scope="module")
def engine() -> LocalEngine:
    return LocalEngine()


def issues(engine: LocalEngine, text: str, **options: object) -> list[Issue]:
    return list(engine.check(text, CheckOptions(**options)).issues)  # type: ignore[arg-type]


def rewrite(engine: LocalEngine, text: str, tone: str | None = None) -> str:
    return engine.rewrite(text, RewriteOptions(tone=tone)).rewritten


# --- names ---


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Yesterday I met Priya at the station.", "Priya"),
        ("The report came from Dr Okafor and his team.", "Okafor"),
        ("We flew to São Paulo in May.", "São"),
        ("Priya Okafor joined the team.", "Priya"),
        ("Please ask Siobhan.", "Siobhan"),
        ("Dear Ms. Mensah,\n\nThank you.", "Mensah"),
        ("Thanks,\nSiobhan", "Siobhan"),
        ("- Aoife said the launch is on track.", "Aoife"),
    ],
)
def test_a_name_is_a_note_without_replacements(engine: LocalEngine, text: str, name: str) -> None:
    found = [i for i in issues(engine, text) if text[i.span.start : i.span.end] == name]
    assert found, "the name is still noted, for a writer who misspelt it"
    for issue in found:
        assert issue.severity is Severity.SUGGESTION
        assert issue.category is not Category.CORRECTNESS
        assert issue.replacements == ()


@pytest.mark.parametrize(
    "text", ["Recieve the parcel today.", "Teh plan is ready.", "Peple said so.", "Tommorow we go."]
)
def test_a_misspelling_at_a_sentence_start_still_counts(engine: LocalEngine, text: str) -> None:
    first = issues(engine, text)[0]
    assert first.severity is Severity.ERROR and first.replacements


def test_a_lowercase_misspelling_inside_a_sentence_still_counts(engine: LocalEngine) -> None:
    (issue,) = issues(engine, "We will recieve it.")
    assert issue.severity is Severity.ERROR and issue.replacements[0] == "receive"


@pytest.mark.parametrize("text", ["I met Sam at noon.", "Ask Al or Pat about it."])
def test_a_name_is_not_a_miscased_acronym(engine: LocalEngine, text: str) -> None:
    assert [i.rule_id for i in issues(engine, text)] == []


def test_a_lowercase_acronym_is_still_corrected(engine: LocalEngine) -> None:
    found = issues(engine, "We pushed it to Github.")
    assert [i.replacements for i in found] == [("GitHub",)]


def test_the_products_name_is_in_the_default_dictionary(engine: LocalEngine) -> None:
    assert issues(engine, "Penwise checks my writing. I like Penwise.") == []
    (typo,) = issues(engine, "I like Penwize.")
    assert typo.replacements == ("Penwise",)


@pytest.mark.parametrize(
    ("text", "shorthand", "offered"),
    [
        ("Can u send the file?", "u", "you"),
        ("hey, r u free later?", "r u", "are you"),
        ("Thanks, btw the file is fine.", "btw", "by the way"),
    ],
)
def test_chat_shorthand_is_a_style_offer_not_a_misspelling(
    engine: LocalEngine, text: str, shorthand: str, offered: str
) -> None:
    (issue,) = [i for i in issues(engine, text) if shorthand in text[i.span.start : i.span.end]]
    assert text[issue.span.start : issue.span.end] == shorthand
    assert issue.category is Category.STYLE and issue.severity is Severity.SUGGESTION
    assert issue.replacements == (offered,)


def test_shorthand_with_no_neutral_form_is_offered_for_removal(engine: LocalEngine) -> None:
    text = "I forgot my charger lol"
    (issue,) = issues(engine, text)
    assert issue.category is Category.STYLE
    assert apply_edits(text, [Edit(issue.span, issue.replacements[0])]) == "I forgot my charger"


def test_a_letter_named_u_is_not_shorthand(engine: LocalEngine) -> None:
    assert all(i.category is not Category.STYLE for i in issues(engine, "Write the letter u."))


# --- no offensive suggestion ---


def test_no_suggestion_is_vulgar(engine: LocalEngine) -> None:
    for text in ["Penwize is here.", "A peniss.", "The pnis of it.", "Go to hel now."]:
        for issue in issues(engine, text):
            assert not any(is_offensive(r) for r in issue.replacements), (text, issue)


def test_the_blocklist_comes_from_the_package_and_catches_inflections() -> None:
    assert is_offensive("Penis") and is_offensive("penises") and is_offensive("Penis's")
    assert not is_offensive("Penwise") and not is_offensive("penetration")


def test_a_word_the_writer_wrote_may_be_offered_again() -> None:
    issue = Issue("x", Category.CORRECTNESS, "spelling", "", Span(0, 4), ("hell", "help"))
    assert without_offensive_replacements("helll", [issue])[0].replacements == ("help",)
    text = "helll, what the hell"
    assert without_offensive_replacements(text, [issue])[0].replacements == ("hell", "help")


# --- rewrites never make an error ---


def test_a_rewrite_drops_an_edit_that_makes_a_new_error() -> None:
    def check(text: str, options: CheckOptions) -> CheckResult:
        start = text.find("its kind")
        found = (
            (Issue("x.its", Category.CORRECTNESS, "grammar", "", Span(start, start + 3)),)
            if start >= 0
            else ()
        )
        return CheckResult(found, "en-US", "fake")

    before = "I think it's kind of late, gonna go."
    after = "I think its kind of late, going to go."
    kept, _ = without_new_errors(before, after, check, CheckOptions())
    assert kept == "I think it's kind of late, going to go."


@pytest.mark.parametrize(
    ("text", "tone", "wanted"),
    [
        ("I think it's kind of late.", None, "I think it's kind of late."),
        ("We'll get back to you ASAP, okay?", None, "We'll get back to you ASAP, okay?"),
        ("We'll reply ASAP, okay?", "formal", "We will reply as soon as possible, okay?"),
        ("ASAP, please.", "formal", "As soon as possible, please."),
        ("FYI the build is green.", "formal", "For your information the build is green."),
        ("This is **basically** done.", "concise", "This is done."),
        ("- **Basically** we need testers.", "concise", "- We need testers."),
        (
            "Their are a few rows that dont add up, espesially on thursday.",
            None,
            "There are a few rows that don't add up, especially on Thursday.",
        ),
        ("We deploy it with kubectl daily.", None, "We deploy it with kubectl daily."),
    ],
)
def test_rewrites_keep_the_text_right(
    engine: LocalEngine, text: str, tone: str, wanted: str
) -> None:
    assert rewrite(engine, text, tone) == wanted


def test_an_initialism_is_a_style_offer_in_the_case_of_its_place(engine: LocalEngine) -> None:
    (issue,) = issues(engine, "We will reply ASAP.")
    assert issue.category is Category.STYLE and issue.replacements == ("as soon as possible",)


# --- tones ---


def test_a_tone_that_changes_nothing_says_so(engine: LocalEngine) -> None:
    result = engine.rewrite("The report is ready.", RewriteOptions(tone="confident"))
    assert result.rewritten == "The report is ready."
    assert [n.code for n in result.warnings] == ["tone-no-change"]
    changed = engine.rewrite("I think the report is ready.", RewriteOptions(tone="confident"))
    assert changed.rewritten == "The report is ready." and changed.warnings == ()


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("We can sort of finish it by Friday.", "We can finish it by Friday."),
        ("They'll kind of like it.", "They'll like it."),
        ("She would sort of agree.", "She would agree."),
    ],
)
def test_confident_removes_hedges_inside_a_sentence(
    engine: LocalEngine, text: str, wanted: str
) -> None:
    assert rewrite(engine, text, "confident") == wanted


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("Can u send the file?", "Can you send the file?"),
        ("Are u sure ur car is here?", "Are you sure your car is here?"),
        ("Hey, r u free?", "Hello, are you free?"),
        ("Write the letter u twice.", "Write the letter u twice."),
        ("A lot of fun!!!", "A great deal of fun!"),
        ("It was a lot of work.", "It was a great deal of work."),
        ("A lot of people came.", "Many people came."),
    ],
)
def test_formal_spells_out_text_speak_and_quantities(
    engine: LocalEngine, text: str, wanted: str
) -> None:
    assert rewrite(engine, text, "formal") == wanted
