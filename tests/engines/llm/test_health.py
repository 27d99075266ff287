"""What /readyz says of the model comes from the calls in progress: overlapping calls are
each counted until they end, whatever order they end in."""

from __future__ import annotations

from contextlib import ExitStack

from addin_server.engines.llm.health import SLOW, ModelHealth


def test_overlapping_calls_end_in_any_order_and_a_long_one_says_slow() -> None:
    now = [0.0]
    health = ModelHealth(clock=lambda: now[0], slow_after=5.0)
    with ExitStack() as first:
        first.enter_context(health.calling())
        with health.calling(), health.calling():  # before: the same key for all three
            now[0] = 6.0
            assert health.lagging()
        # Two ended; the first call, running for 6 s, is still slow.
        assert health.lagging() and health.state(lambda: None) == SLOW
    assert not health.lagging()
