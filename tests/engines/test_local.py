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
