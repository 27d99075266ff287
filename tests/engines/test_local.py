"""The local engine, used directly as the CLI and the API use it."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from addin_server.engines.base import CheckOptions
from addin_server.engines.local.engine import LocalEngine


def test_parallel_checks_give_the_same_answer_as_one() -> None:
    engine = LocalEngine()
    texts = [f"Paragraph {n}: their is a error in this sentance." for n in range(24)]
    alone = [engine.check(text, CheckOptions()) for text in texts]
    with ThreadPoolExecutor(max_workers=6) as pool:
        together = list(pool.map(lambda text: engine.check(text, CheckOptions()), texts))
    assert together == alone


def test_rule_descriptions_are_plain_sentences() -> None:
    description = LocalEngine().describe_rule("harper.SpellCheck")
    assert description and "`" not in description
    assert LocalEngine().describe_rule("no.such.rule") == ""


def test_a_writers_words_stay_with_their_own_checks() -> None:
    # One lint thread, so every check reuses the same Harper linter, which keeps the words
    # it was last given until a check asks for others.
    engine = LocalEngine(chunk_threads=1)
    text = "Zorblax signed the contract with Quentaro yesterday."

    def flagged(dictionary: frozenset[str]) -> set[str]:
        issues = engine.check(text, CheckOptions(dictionary=dictionary)).issues
        return {text[i.span.start : i.span.end] for i in issues if i.rule_id.endswith("SpellCheck")}

    assert flagged(frozenset()) >= {"Zorblax", "Quentaro"}
    assert "Zorblax" not in flagged(frozenset({"Zorblax"}))
    assert flagged(frozenset({"Quentaro"})) >= {"Zorblax"}
    assert flagged(frozenset()) >= {"Zorblax", "Quentaro"}
