"""Over-long runs are blanked in place: same length in code points, the rest untouched."""

from __future__ import annotations

import time

from hypothesis import given
from hypothesis import strategies as st

from addin_server.records import Span
from addin_server.text.long_runs import LONG_RUN_CODE, MAX_RUN_CHARS, mask_long_runs


def test_a_run_over_the_bound_becomes_spaces_of_its_length() -> None:
    run = "😀" + "a" * MAX_RUN_CHARS  # one code point over, astral included
    masked = mask_long_runs(f"See {run} here.")
    assert masked.text == f"See {' ' * len(run)} here."
    assert masked.spans == (Span(4, 4 + len(run)),)
    notice = masked.notice()
    assert notice is not None and notice.code == LONG_RUN_CODE
    assert "a" * 10 not in notice.message  # never quotes the text


def test_a_run_at_the_bound_is_kept() -> None:
    text = "x" * MAX_RUN_CHARS + " and " + "y" * MAX_RUN_CHARS
    masked = mask_long_runs(text)
    assert masked.text == text and masked.spans == () and masked.notice() is None


@given(st.text(alphabet=st.sampled_from("ab 😀\n\t-"), max_size=400))
def test_masking_keeps_every_offset(text: str) -> None:
    masked = mask_long_runs(text)
    assert len(masked.text) == len(text)
    for index, (before, after) in enumerate(zip(text, masked.text, strict=True)):
        inside = any(span.start <= index < span.end for span in masked.spans)
        assert after == (" " if inside else before)
    assert all(span.length > MAX_RUN_CHARS for span in masked.spans)
    assert all(len(word) <= MAX_RUN_CHARS for word in masked.text.split())


def test_linear_time_on_a_megabyte_of_short_and_long_runs() -> None:
    started = time.perf_counter()
    mask_long_runs(("a" * MAX_RUN_CHARS + " ") * 10_000)
    mask_long_runs("e" * 1_000_000)
    assert time.perf_counter() - started < 5.0  # quadratic time: minutes
