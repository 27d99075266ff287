"""``POST /v1/check``: the issues a writer sees, where they are, and what fixes them."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from addin_server import create_app
from tests.api.conftest import Check, checked

EXAMPLE = "Their is a error in this sentance."


def flagged(payload: dict) -> list[str]:
    return [issue["text"] for issue in payload["issues"]]


def test_the_readme_example_returns_three_issues_with_fixes(check: Check) -> None:
    payload = check(text=EXAMPLE)
    by_text = {issue["text"]: issue for issue in payload["issues"]}
    assert list(by_text) == ["Their", "a", "sentance"]
    assert [by_text[word]["offset"] for word in by_text] == [0, 9, 25]
    assert by_text["Their"]["replacements"][0] == "There"
    assert by_text["a"]["replacements"] == ["an"]
    assert by_text["sentance"]["replacements"][0] == "sentence"
    assert by_text["sentance"]["category"] == "correctness"
    assert payload["language"] == "en-US" and payload["engine"] == "local"
    assert payload["warnings"] == []


def test_applying_first_replacements_gives_corrected_text(check: Check) -> None:
    payload = check(text=EXAMPLE)
    fixed = EXAMPLE
    for issue in sorted(payload["issues"], key=lambda item: -item["offset"]):
        start, end = issue["offset"], issue["offset"] + issue["length"]
        fixed = fixed[:start] + issue["replacements"][0] + fixed[end:]
    assert fixed == "There is an error in this sentence."


def test_issue_ids_are_stable_and_unique(check: Check) -> None:
    first = check(text=EXAMPLE + " " + EXAMPLE)
    second = check(text=EXAMPLE + " " + EXAMPLE)
    ids = [issue["id"] for issue in first["issues"]]
    assert ids == [issue["id"] for issue in second["issues"]]
    assert len(set(ids)) == len(ids)


def test_replacements_are_unique_and_at_most_five(check: Check) -> None:
    payload = check(text="Thsi is teh wrost speling I have evar seen.")
    assert payload["issues"]
    for issue in payload["issues"]:
        assert len(issue["replacements"]) <= 5
        assert len(set(issue["replacements"])) == len(issue["replacements"])


def test_dictionary_words_are_accepted_for_that_request_only(check: Check) -> None:
    text = "Our product Zorblatt ships today."
    assert "Zorblatt" in flagged(check(text=text))
    assert "Zorblatt" not in flagged(check(text=text, dictionary=["Zorblatt"]))
    assert "Zorblatt" in flagged(check(text=text))


def test_dictionary_never_leaks_across_concurrent_requests(check: Check) -> None:
    text = "The Quuxian protocol is stable."

    def run(index: int) -> bool:
        body = {"text": text, "dictionary": ["Quuxian"]} if index % 2 else {"text": text}
        payload = check(**body)
        return "Quuxian" in flagged(payload)

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(run, range(40)))
    assert results == [index % 2 == 0 for index in range(40)]


def test_disabled_rules_apply_to_that_request_only(check: Check) -> None:
    assert "sentance" not in flagged(check(text=EXAMPLE, disabled_rules=["harper.SpellCheck"]))
    assert "sentance" in flagged(check(text=EXAMPLE))


def test_british_and_american_spelling_follow_the_language(check: Check) -> None:
    text = "The colour of the organisation's logo is grey."
    assert {"colour", "organisation's"} <= set(flagged(check(text=text)))
    british = check(text=text, language="en-GB")
    assert british["language"] == "en-GB"
    assert not {"colour", "organisation's"} & set(flagged(british))


@pytest.mark.parametrize("language", [None, "auto", "en"])
def test_the_servers_default_language_answers_where_a_request_names_no_variant(
    language: str | None,
) -> None:
    client = create_app({"default_language": "en-GB"}, environ={}, warm_up=False).test_client()
    text = "The colour of the organisation's logo is grey."
    body = {"text": text} if language is None else {"text": text, "language": language}
    british = checked(client, **body)
    assert british["language"] == "en-GB"
    assert not {"colour", "organisation's"} & set(flagged(british))
    american = checked(client, text=text, language="en-US")
    assert {"colour", "organisation's"} <= set(flagged(american))


@pytest.mark.parametrize("language", ["en-AU", "en-CA", "en-IN", "en", "EN-us", "auto"])
def test_english_variants_are_checked(check: Check, language: str) -> None:
    payload = check(text=EXAMPLE, language=language)
    assert "sentance" in flagged(payload)
    assert payload["warnings"] == []


def test_languages_other_than_english_get_a_warning_and_no_issues(check: Check) -> None:
    payload = check(text="Das ist ein Fehller.", language="de-DE")
    assert payload["issues"] == []
    assert payload["language"] == "de-DE"
    [warning] = payload["warnings"]
    assert warning["code"] == "language-not-checked"
    assert "English only" in warning["message"]


def test_markdown_code_is_not_checked_but_prose_is(check: Check) -> None:
    text = "Run `sentance_count` now, it counts a error.\n\n```\nteh code\n```\n"
    words = flagged(check(text=text, format="markdown"))
    assert "a" in words
    assert "sentance_count" not in words and "teh" not in words
    assert "teh" in flagged(check(text=text))
