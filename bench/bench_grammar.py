"""Time `/v1/check` on 2,000 words with our grammar rules against Harper alone.

Both run through the same app and view; "Harper alone" is the same request with every rule
of ours disabled (``disabled_rules``) and the spelling ranker off, so the ratio is the cost of
everything we add. Cold means text never seen, for every system alike: Harper remembers
the sentences it linted (a linter that has seen a text lints it again in a tenth of the
time) and our parser caches its parses, so before each cold request the engine gets a new
pool of Harper linters and the parser's cache is emptied. (An earlier version only emptied
our cache: with sentences drawn again and again from a pool of 754, Harper was mostly warm
while we were cold, which made "Harper alone" look cheap and our share large.) A warm figure
(the same text checked again, as when a writer re-checks a page) is given too. Two kinds of
text: learner English (JFLEG's sources, errors everywhere) and the same essays as corrected
by people (its references).

Writes its section of BENCHMARKS.md between ``<!-- bench:grammar -->`` markers.
"""

from __future__ import annotations

import logging
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from report import section_text, write_section  # noqa: E402

from addin_server import create_app  # noqa: E402
from addin_server.engines.local.harper import LinterPool  # noqa: E402
from addin_server.rules import builtin_rules  # noqa: E402
from addin_server.rules.english.nlp import PARSER  # noqa: E402
from quality import jfleg  # noqa: E402
from quality.tokens import detokenize  # noqa: E402

WORDS = 2_000
ROUNDS = 15
MARK = "bench:grammar"


def draw_text(sentences: list[str], rng: random.Random) -> str:
    """About ``WORDS`` words of sentences in a fresh random order."""
    chosen, count = [], 0
    pool = sentences[:]
    rng.shuffle(pool)
    for sentence in pool:
        chosen.append(sentence)
        count += len(sentence.split())
        if count >= WORDS:
            break
    return " ".join(chosen)


def corpora() -> dict[str, list[str]]:
    """Learner English (JFLEG's sources) and the same essays corrected (its references)."""
    data = jfleg.load()
    return {
        "corrected English (JFLEG references)": [
            detokenize(ref) for refs in data.references for ref in refs
        ],
        "learner English (JFLEG sources)": [detokenize(line) for line in data.sources],
    }


def timed(call: Callable[[], object], cpu: list[float] | None = None) -> float:
    """Seconds one call takes (wall clock); its CPU seconds, all threads, go to ``cpu``."""
    started, started_cpu = time.perf_counter(), time.process_time()
    call()
    if cpu is not None:
        cpu.append(time.process_time() - started_cpu)
    return time.perf_counter() - started


def measure(sentences: list[str], rng: random.Random) -> dict[str, float]:
    """Median seconds per request: Harper alone, ours cold, ours warm; and the ratios."""
    app = create_app({"max_text_chars": 1_000_000}, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    client = app.test_client()
    engine = app.extensions["penwise"].engine()
    ours = sorted(rule.info.id for rule in builtin_rules())
    grammar = [rule_id for rule_id in ours if rule_id.startswith("grammar.")]

    def check(text: str, disabled: list[str], spelling: bool = True) -> None:
        engine.context_spelling = spelling
        answer = client.post("/v1/check", json={"text": text, "disabled_rules": disabled})
        assert answer.status_code == 200, answer.get_data(as_text=True)

    def forget() -> None:
        """Make the next request a first sight of its text for Harper and for us."""
        engine._pool = LinterPool()  # a new linter has no memory of earlier texts
        PARSER.clear_cache()

    check(draw_text(sentences, rng), [])  # first request pays one-off costs
    harper, no_grammar, cold, warm = [], [], [], []
    harper_cpu: list[float] = []
    cold_cpu: list[float] = []
    for _ in range(ROUNDS):
        # Interleaved, so a busy moment of the machine hits every system alike.
        alone, styled, text = (draw_text(sentences, rng) for _ in range(3))
        forget()
        harper.append(timed(lambda t=alone: check(t, ours, spelling=False), harper_cpu))
        forget()
        no_grammar.append(timed(lambda t=styled: check(t, grammar)))
        forget()
        cold.append(timed(lambda t=text: check(t, []), cold_cpu))
        warm.append(timed(lambda t=text: check(t, [])))
    figures = {
        "harper": statistics.median(harper),
        "no_grammar": statistics.median(no_grammar),
        "cold": statistics.median(cold),
        "warm": statistics.median(warm),
    }
    figures["ratio_cold"] = figures["cold"] / figures["harper"]
    figures["ratio_cpu"] = statistics.median(cold_cpu) / statistics.median(harper_cpu)
    figures["ratio_warm"] = figures["warm"] / figures["harper"]
    return figures


def section(results: dict[str, dict[str, float]]) -> list[str]:
    """The lines of the section, between its markers."""
    lines = [
        "## Grammar rules: cost of `/v1/check` on 2,000 words",
        "",
        f"`make bench-grammar` (`bench/bench_grammar.py`); median of {ROUNDS} requests each,",
        "through the Flask app's `/v1/check`. *Harper alone*: every rule of ours disabled and",
        "the spelling ranker off; *without grammar*: our style rules and the spelling ranker",
        "on, grammar rules off; *all rules*: everything on. Every system but *warm* sees its",
        "text cold, never seen: a new pool of Harper linters (Harper remembers what it",
        "linted) and an empty parser cache before each request; *warm*: the same text",
        "checked again. Target: cold within 1.5x Harper alone. Our rules run in a thread",
        "beside Harper (which releases the GIL while it lints), so on a machine with a free",
        "second core they cost little wall time; *CPU cold / Harper* is the ratio of CPU",
        "time (all threads), what the check would cost on one core or a saturated server.",
        "",
        "| text | Harper alone | without grammar | all rules, cold | all rules, warm "
        "| cold / Harper | warm / Harper | CPU cold / Harper |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, f in results.items():
        lines.append(
            f"| {name} | {f['harper'] * 1000:.0f} ms | {f['no_grammar'] * 1000:.0f} ms | "
            f"{f['cold'] * 1000:.0f} ms | {f['warm'] * 1000:.0f} ms | "
            f"{f['ratio_cold']:.2f}x | {f['ratio_warm']:.2f}x | {f['ratio_cpu']:.2f}x |"
        )
    return lines


def main() -> int:
    """Measure every corpus and write the section."""
    logging.disable(logging.INFO)  # the request log would drown the table
    rng = random.Random(6)
    results = {name: measure(sentences, rng) for name, sentences in corpora().items()}
    lines = section(results)
    write_section(lines, MARK)
    print(section_text(lines, MARK))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
