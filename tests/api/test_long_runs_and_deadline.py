"""Issue 11, findings 1 and 2: an over-long run cannot take a worker down, and a request
answers by its deadline with what was done."""

from __future__ import annotations

import base64
import functools
import random
import string
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from flask import Flask
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from addin_server import create_app
from addin_server.engines.local import engine as local_module
from addin_server.engines.local import harper as harper_backend
from addin_server.engines.local.harper_chunks import lint_in_chunks
from addin_server.text.long_runs import LONG_RUN_CODE, MAX_RUN_CHARS

TEXT_LIMIT = 4_000  # the text limit, scaled down so every length up to it can be tried
TIME_BUDGET = 15.0  # seconds for one answer, whatever the run (before: minutes; CI is slow)
BEFORE = "I saw 😀 an dog. "
AFTER = " Then I saw an cat."


@pytest.fixture(scope="module")
def small_app() -> Flask:
    application = create_app({"max_text_chars": TEXT_LIMIT}, environ={}, warm_up=False)
    application.extensions["penwise"].warm_up(background=False)
    return application


def _run(kind: str, length: int) -> str:
    rng = random.Random(length)
    if kind == "letters":
        return "".join(rng.choice(string.ascii_letters) for _ in range(length))
    if kind == "hex":
        return rng.randbytes(length).hex()[:length]
    if kind == "base64":
        return base64.b64encode(rng.randbytes(length)).decode()[:length]
    return "e" * length


@given(
    kind=st.sampled_from(["letters", "hex", "base64", "e"]),
    length=st.integers(1, TEXT_LIMIT - len(BEFORE) - len(AFTER)),
)
@example(kind="base64", length=MAX_RUN_CHARS)
@example(kind="base64", length=MAX_RUN_CHARS + 1)
@example(kind="letters", length=TEXT_LIMIT - len(BEFORE) - len(AFTER))
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_run_of_any_length_is_answered_in_time(small_app: Flask, kind: str, length: int) -> None:
    run = _run(kind, length)
    text = BEFORE + run + AFTER
    started = time.perf_counter()
    answer = small_app.test_client().post("/v1/check", json={"text": text})
    assert time.perf_counter() - started < TIME_BUDGET
    assert answer.status_code == 200
    body = answer.get_json()
    start, end = len(BEFORE), len(BEFORE) + length
    inside = [i for i in body["issues"] if i["offset"] < end and start < i["offset"] + i["length"]]
    assert not (inside and length > MAX_RUN_CHARS)  # a run at the bound is still checked
    flagged = [(i["offset"], i["utf16_offset"], i["text"]) for i in body["issues"]]
    first_an = BEFORE.index(" an ") + 1
    assert (first_an, first_an + 1, "an") in flagged  # after 😀, one code point, 2 UTF-16 units
    after_an = end + AFTER.index(" an ") + 1
    assert (after_an, after_an + 1, "an") in flagged
    skipped = [w for w in body["warnings"] if w["code"] == LONG_RUN_CODE]
    assert len(skipped) == (1 if length > MAX_RUN_CHARS else 0)
    assert not body["incomplete"]


@contextmanager
def _harper_sees() -> Iterator[list[int]]:
    """The longest run of non-space characters in each text handed to a pooled linter."""
    longest: list[int] = []
    borrow = harper_backend.LinterPool.borrow

    class Spy:
        def __init__(self, linter: Any) -> None:
            self.linter = linter

        def organized_lints(self, text: str, **kwargs: Any) -> Any:
            longest.append(max((len(word) for word in text.split()), default=0))
            return self.linter.organized_lints(text, **kwargs)

        def __getattr__(self, name: str) -> Any:
            return getattr(self.linter, name)

    @contextmanager
    def spying(pool: harper_backend.LinterPool, dialect: Any) -> Iterator[Any]:
        with borrow(pool, dialect) as pooled:
            real = pooled.linter
            pooled.linter = Spy(real)
            try:
                yield pooled
            finally:
                pooled.linter = real

    harper_backend.LinterPool.borrow = spying  # type: ignore[method-assign]
    try:
        yield longest
    finally:
        harper_backend.LinterPool.borrow = borrow  # type: ignore[method-assign]


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v1/check", {}),
        ("/v1/improve", {"tone": "formal"}),
        ("/v1/rewrite", {"tone": "formal"}),
        ("/v1/ideas", {}),
        ("/v2/check", None),
    ],
)
def test_no_path_hands_harper_a_text_without_spaces(
    small_app: Flask, path: str, body: dict[str, Any] | None
) -> None:
    text = _run("hex", TEXT_LIMIT)
    client = small_app.test_client()
    with _harper_sees() as longest:
        started = time.perf_counter()
        if body is None:
            answer = client.post(path, data={"text": text, "language": "en-US"})
        else:
            answer = client.post(path, json={"text": text, **body})
        assert time.perf_counter() - started < TIME_BUDGET
    assert answer.status_code == 200
    assert all(length <= MAX_RUN_CHARS for length in longest)
    if path != "/v2/check":
        assert LONG_RUN_CODE in [w["code"] for w in answer.get_json()["warnings"]]
    if path == "/v1/rewrite":
        assert answer.get_json()["rewritten"] == text  # left as it was, not blanked


def test_the_cli_check_blanks_long_runs(tmp_path: Any, capsys: Any) -> None:
    from addin_server.cli import main

    file = tmp_path / "pasted.txt"
    file.write_text(BEFORE + _run("base64", 20_000) + AFTER, encoding="utf-8")
    with _harper_sees() as longest:
        main(["check", str(file)])
    assert longest and all(length <= MAX_RUN_CHARS for length in longest)
    assert "not checked" in capsys.readouterr().out


# --- the deadline -------------------------------------------------------------------------

PARAGRAPH = (
    "The committee met on Tuesday to review the plan for the new library. I saw an dog near "
    "the door, and the members agreed that the budget was sound. "
) * 6


def _slow_lint(*args: Any, **kwargs: Any) -> Any:
    time.sleep(0.2)
    return harper_backend.lint(*args, **kwargs)


@pytest.fixture(scope="module")
def hurried_app() -> Iterator[Flask]:
    application = create_app(
        {"request_deadline": 0.3, "local_chunk_threads": 1}, environ={}, warm_up=False
    )
    application.extensions["penwise"].warm_up(background=False)
    # Small, slow chunks: 0.2 s each, so a 0.3 s deadline falls in the middle of the text.
    patch = pytest.MonkeyPatch()
    patch.setattr(
        local_module,
        "lint_in_chunks",
        functools.partial(lint_in_chunks, chunk_chars=2_000, lint=_slow_lint),
    )
    yield application
    patch.undo()


def test_a_request_past_its_deadline_answers_with_what_was_done(hurried_app: Flask) -> None:
    text = "\n\n".join([PARAGRAPH] * 60)  # 30 chunks: 6 s of Harper at least
    started = time.perf_counter()
    answer = hurried_app.test_client().post("/v1/check", json={"text": text})
    assert time.perf_counter() - started < 4.0  # without the deadline: over 6 s
    assert answer.status_code == 200
    body = answer.get_json()
    assert body["incomplete"] is True
    unprocessed = [(r["offset"], r["offset"] + r["length"]) for r in body["unprocessed"]]
    assert unprocessed and unprocessed[-1][1] == len(text)  # the tail was not checked
    assert unprocessed[0][0] > 0  # and the head was

    # Every issue is one a full check finds, at the same place; every Harper issue of the
    # checked part is there.
    engine = hurried_app.extensions["penwise"].engine("local")
    full = engine.check(text, local_module.CheckOptions())
    assert not full.incomplete
    expected = {(i.rule_id, i.span.start, i.span.end) for i in full.issues}
    got = {(i["rule_id"], i["offset"], i["offset"] + i["length"]) for i in body["issues"]}
    assert got and got <= expected
    checked_harper = {
        key
        for key in expected
        if key[0].startswith("harper.")
        and not any(s < key[2] and key[1] < e for s, e in unprocessed)
    }
    assert checked_harper and checked_harper <= got
    for issue in body["issues"]:
        assert text[issue["offset"] : issue["offset"] + issue["length"]] == issue["text"]


def test_the_deadline_ends_with_the_request(hurried_app: Flask) -> None:
    from addin_server.engines.fanout import DEADLINE

    hurried_app.test_client().post("/v1/check", json={"text": "I saw an dog."})
    assert DEADLINE.get() is None


def test_the_deadline_must_come_before_the_worker_timeout() -> None:
    from addin_server.config import ConfigError, Settings

    with pytest.raises(ConfigError, match=r"ADDIN_REQUEST_DEADLINE.*ADDIN_REQUEST_TIMEOUT"):
        Settings.load({"ADDIN_REQUEST_DEADLINE": "120", "ADDIN_REQUEST_TIMEOUT": "120"})
    assert Settings.load({"ADDIN_REQUEST_DEADLINE": "30"}).request.request_deadline == 30.0
