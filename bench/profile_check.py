"""Where the time of a warm 2,000-word ``/v1/check`` goes, stage by stage.

Every stage of the local engine and of the view is wrapped with a timer (wall clock) and the
check is run on a new text each time (bench/corpus.py), in process through Flask's test client
and over HTTP against ``addin-server serve``. Then the candidates of issue 14 are measured one
against the other on the same texts: Harper's ``organized_lints`` against ``lint``, our rules
in a thread against inline, and the JSON encoding of the answer. Prints a Markdown table;
``--write`` puts it in BENCHMARKS.md between ``<!-- bench:profile -->`` markers. Usage:

    .venv/bin/python bench/profile_check.py [--words 2000] [--repeat 20] [--no-http] [--write]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import harper  # noqa: E402
from corpus import VariedProse  # noqa: E402
from flask import json as flask_json  # noqa: E402
from live_server import post, served  # noqa: E402
from report import machine_memory, section_text, write_section  # noqa: E402

from addin_server import create_app  # noqa: E402
from addin_server.api import check as check_view  # noqa: E402
from addin_server.api import presenters  # noqa: E402
from addin_server.engines.base import CheckOptions  # noqa: E402
from addin_server.engines.local import engine as local  # noqa: E402
from addin_server.engines.local import harper as harper_backend  # noqa: E402

MARK = "bench:profile"
SPENT: dict[str, list[float]] = defaultdict(list)
# What the engine calls, by the name it imported it under, and what the view calls.
ENGINE_STAGES = (
    "replace_lone_surrogates",
    "protected_spans",
    "lint_in_chunks",
    "without_false_alarms",
    "rank_spelling",
    "as_name_notes",
    "merge_issues",
    "without_offensive_replacements",
)
VIEW_STAGES = ("engine_request", "check_json", "jsonify")
PRESENTER_STAGES = ("text_stats",)


def timed(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, adding its wall time to ``SPENT[name]``."""

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            SPENT[name].append(time.perf_counter() - started)

    return wrapper


def rules_timed(rules: Any, document: Any, disabled: Any, categories: Any) -> Any:
    """``find_issues`` with each rule's time recorded (the rules' thread)."""
    issues, notes = [], []
    started = time.perf_counter()
    for rule in rules:
        info = rule.info
        if info.id in disabled or (categories and info.category.value not in categories):
            continue
        began = time.perf_counter()
        found = list(rule.find(document))
        SPENT[f"rule {info.id}"].append(time.perf_counter() - began)
        if info.region:
            notes.extend(found)
        else:
            issues.extend(i for i in found if not document.protected.touches(i.span))
    SPENT["our rules (thread, all)"].append(time.perf_counter() - started)
    return issues, notes


@contextmanager
def instrumented():
    """Wrap every stage with a timer for the duration of the block."""
    saved: list[tuple[Any, str, Any]] = []
    targets = [(local, name) for name in ENGINE_STAGES]
    targets += [(check_view, name) for name in VIEW_STAGES]
    targets += [(presenters, name) for name in PRESENTER_STAGES]
    for module, name in targets:
        saved.append((module, name, getattr(module, name)))
        setattr(module, name, timed(name, getattr(module, name)))
    saved.append((local, "find_issues", local.find_issues))
    local.find_issues = rules_timed
    try:
        yield
    finally:
        for module, name, original in saved:
            setattr(module, name, original)


def ms(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else 0.0


def profile_in_process(words: int, repeat: int) -> tuple[list[str], dict[str, float]]:
    """Per-stage medians of the warm check through the test client."""
    app = create_app({"max_text_chars": 2_000_000}, environ={}, warm_up=False)
    app.extensions["penwise"].warm_up(background=False)
    client = app.test_client()
    texts = VariedProse(words, seed=1)
    client.post("/v1/check", json={"text": texts()})
    SPENT.clear()
    totals, cpu = [], []
    with instrumented():
        for _ in range(repeat):
            body = {"text": texts()}
            started, started_cpu = time.perf_counter(), time.process_time()
            answer = client.post("/v1/check", json=body)
            totals.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            assert answer.status_code == 200
    figures = {"total": ms(totals), "cpu": ms(cpu)}
    rows = [f"| whole request (test client) | {figures['total']:.1f} ms | 100% |"]
    rows.append(f"| CPU time of the request, all threads | {figures['cpu']:.1f} ms | |")
    order = ["engine_request", *ENGINE_STAGES, "our rules (thread, all)", "check_json"]
    order += ["text_stats", "jsonify"]
    for name in order:
        value = ms(SPENT[name])
        figures[name] = value
        label = {
            "engine_request": "parse and validate the body",
            "lint_in_chunks": "Harper (`organized_lints`)",
            "check_json": "answer to dict (offsets, ids, stats)",
            "text_stats": "  of which readability stats",
            "jsonify": "JSON encoding (`jsonify`)",
        }.get(name, f"`{name}`")
        rows.append(f"| {label} | {value:.1f} ms | {value / figures['total']:.0%} |")
    slowest = sorted(
        ((ms(v), k.removeprefix("rule ")) for k, v in SPENT.items() if k.startswith("rule ")),
        reverse=True,
    )[:5]
    rows.append(
        "| slowest of our rules | "
        + ", ".join(f"{name} {value:.1f} ms" for value, name in slowest)
        + " | |"
    )
    return rows, figures


def candidates(words: int, repeat: int) -> list[str]:
    """The issue's candidate causes, each measured against its alternative."""
    texts = VariedProse(words, seed=2)
    config = harper_backend.default_config()
    organized, bare = harper.Linter(harper.Dialect.AMERICAN), harper.Linter(harper.Dialect.AMERICAN)
    for linter in (organized, bare):
        linter.set_lint_config(config)
    first = texts()
    organized.organized_lints(first)
    bare.lint(first)
    by_rule, flat = [], []
    for turn in range(repeat):
        text = texts()
        calls = [
            (by_rule, lambda text=text: organized.organized_lints(text)),
            (flat, lambda text=text: bare.lint(text)),
        ]
        for samples, call in calls if turn % 2 else calls[::-1]:
            started = time.perf_counter()
            call()
            samples.append(time.perf_counter() - started)
    # Our rules beside Harper (a thread) or after it on the same thread; Harper on 1 or 2.
    threaded = local.LocalEngine()
    threaded.warm_up()
    serial = local.LocalEngine()
    serial._beside_harper = _Inline()
    engines = {"threaded": threaded, "serial": serial}
    for engine in engines.values():
        engine.check(texts(), CheckOptions())
    wall: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    for _ in range(repeat):
        text = texts()
        for name, engine in engines.items():
            started, started_cpu = time.perf_counter(), time.process_time()
            engine.check(text + f" ({name}.)", CheckOptions())
            wall[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - started_cpu)
    # JSON: the answer's dict encoded by Flask's provider and by the standard library.
    app = create_app({}, environ={}, warm_up=False)
    text = texts()
    result = threaded.check(text, CheckOptions())
    with app.app_context():
        body = presenters.check_json(text, result)
        encode_flask = _median_of(lambda: flask_json.dumps(body), repeat)
    encode_std = _median_of(lambda: json.dumps(body, ensure_ascii=False), repeat)
    return [
        f"| Harper `organized_lints` (what we call) | {ms(by_rule):.1f} ms | "
        f"{statistics.median(by_rule) / statistics.median(flat):.2f}× `lint` |",
        f"| Harper `lint` on the same texts | {ms(flat):.1f} ms | 1.00× |",
        f"| engine, our rules in a thread beside Harper | {ms(wall['threaded']):.1f} ms wall, "
        f"{ms(cpu['threaded']):.1f} ms CPU | |",
        f"| engine, our rules after Harper, one thread | {ms(wall['serial']):.1f} ms wall, "
        f"{ms(cpu['serial']):.1f} ms CPU | "
        f"{statistics.median(wall['threaded']) / statistics.median(wall['serial']):.2f}× wall |",
        f"| JSON of the answer ({len(body['issues'])} issues), Flask's provider | "
        f"{encode_flask * 1000:.1f} ms | |",
        f"| JSON of the answer, `json.dumps` | {encode_std * 1000:.1f} ms | |",
    ]


class _Inline:
    """An executor that runs the call at once on the caller's thread."""

    def submit(self, function: Callable[..., Any], *args: Any) -> Any:
        result = function(*args)
        return type("Done", (), {"result": lambda self: result})()


def _median_of(call: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def profile_http(words: int, repeat: int, in_process: float) -> list[str]:
    """The same warm check over HTTP, against the in-process figure."""
    texts = VariedProse(words, seed=1)
    with served() as url:
        post(url, {"text": texts()})
        post(url, {"text": texts()})
        samples = []
        for _ in range(repeat):
            body = {"text": texts()}
            started = time.perf_counter()
            post(url, body)
            samples.append(time.perf_counter() - started)
    over_http = ms(samples)
    return [
        f"| over HTTP (`addin-server serve`, urllib client) | {over_http:.1f} ms | "
        f"{over_http / in_process:.2f}× in process |"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    logging.disable(logging.INFO)
    stages, figures = profile_in_process(args.words, args.repeat)
    http = [] if args.no_http else profile_http(args.words, args.repeat, figures["total"])
    compared = candidates(args.words, args.repeat)
    command = "`.venv/bin/python bench/profile_check.py --write`"
    lines = [
        f"## Where the time goes: a warm {args.words:,}-word `/v1/check`",
        "",
        f"{command} (`bench/profile_check.py`): a new text of varied prose every request "
        f"(bench/corpus.py), medians of {args.repeat}; each stage of the engine and the view "
        "timed where it is called (wall clock). Our rules run in a thread beside Harper, so "
        "their time overlaps Harper's. Machine: "
        f"{platform.machine()}, {os.cpu_count()} cores, {machine_memory()}, Python "
        f"{platform.python_version()}.",
        "",
        "| stage | median | share |",
        "| --- | --- | --- |",
        *stages,
        *http,
        "",
        "The candidates of issue 14, each against its alternative on the same texts:",
        "",
        "| what | median | ratio |",
        "| --- | --- | --- |",
        *compared,
    ]
    print(section_text(lines, MARK))
    if args.write:
        write_section(lines, MARK)


if __name__ == "__main__":
    main()
