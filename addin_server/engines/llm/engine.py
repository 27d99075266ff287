"""The model engine: rewrites, ideas and deep grammar over an OpenAI-compatible endpoint.

Every operation goes through the chunker: N chunks become N calls, run in parallel up to
``ADDIN_LLM_CONCURRENCY`` and stitched back in order. A chunk the model cannot do (down,
slow, rate-limited, nonsense) is done by the local engine, and the answer says so.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from addin_server.engines.base import (
    CheckOptions,
    Engine,
    EngineUnsupported,
    IdeaOptions,
    RewriteOptions,
)
from addin_server.engines.fanout import (
    DEADLINE,
    ChunkOutcome,
    run_chunks,
    stitch_issues,
    unique_ideas,
)
from addin_server.engines.llm import locate
from addin_server.engines.llm.breaker import OPEN, BreakerState
from addin_server.engines.llm.client import LlmConfig
from addin_server.engines.llm.errors import ContextTooLong, LlmError, ModelBusy, ModelSlow
from addin_server.engines.llm.fallback import Guard, failed, merge_notices, notices
from addin_server.engines.llm.health import PROBE_TIMEOUT_SECONDS
from addin_server.engines.llm.operations import (
    Operation,
    grammar_operation,
    ideas_operation,
    improve_operation,
    rewrite_operation,
    run_on_chunk,
)
from addin_server.engines.llm.places import ModelPlaces, model_place
from addin_server.engines.llm.planning import plan_chunks
from addin_server.engines.llm.rewrite_stream import StreamingParts, stream_rewrite
from addin_server.engines.llm.rewrites import LOCAL_REWROTE, rewrite_result
from addin_server.engines.llm.spending import TokenBudget
from addin_server.engines.llm.transport import ModelCaller
from addin_server.engines.merge import merge_issues
from addin_server.engines.streaming import RewriteEvent
from addin_server.records import (
    CheckResult,
    Idea,
    IdeaKind,
    IdeasResult,
    Issue,
    Notice,
    RewriteResult,
)
from addin_server.text import tokens
from addin_server.text.chunking import Chunk, context_text, split_into_chunks

T = TypeVar("T")
log = logging.getLogger(__name__)
LOCAL_CHECKED = "The local engine's issues are shown without the model's."
NO_IDEAS = "No ideas came from those parts."
CIRCUIT_OPEN = "unavailable (circuit open)"
SLOW_MODEL = (
    "The model's calls are timing out or running past half of ADDIN_LLM_TIMEOUT, so this "
    "check did not wait for it."
)


class LlmEngine:
    """The model engine; ``local`` answers whatever the model cannot."""

    name = "llm"

    def __init__(
        self,
        config: LlmConfig,
        local: Engine,
        caller: ModelCaller | None = None,
        budget: TokenBudget | None = None,
        breaker_state: BreakerState | None = None,
        places: ModelPlaces | None = None,
    ):
        self.config = config
        self.local = local
        self.caller = caller or ModelCaller(config, budget=budget, breaker_state=breaker_state)
        self.places = places  # see .places: None, no limit

    def warm_up(self) -> None:
        """Build the token encoding and see whether the endpoint answers (never raises)."""
        tokens.get_encoding(self.config.encoding)
        self.caller.health.refresh(self._probe)

    def reachability(self) -> str:
        """The model's state for ``/readyz`` (see .health); while the circuit breaker keeps
        requests off an endpoint that fails but does not time out, ``unavailable (circuit
        open)``."""
        state = self.caller.health.state(self._probe)
        if state.startswith("degraded") or self.caller.breaker.status() != OPEN:
            return state
        return CIRCUIT_OPEN

    def _probe(self) -> object:
        return self.caller.list_models(PROBE_TIMEOUT_SECONDS)

    def describe_rule(self, rule_id: str) -> str:
        """Describe the model's rule, or ask the local engine."""
        if rule_id == locate.RULE_ID:
            return "Grammar, spelling and word choice checked by the language model."
        return self.local.describe_rule(rule_id)

    def check(self, text: str, options: CheckOptions) -> CheckResult:
        """The local engine's issues, merged with the model's (the local ones win ties)."""
        base = self.local.check(text, options)
        if not text.strip() or locate.RULE_ID in options.disabled_rules:
            return replace(base, engine=self.name)
        outcomes = self._fan_out(text, grammar_operation(base.language), optional=True)
        return self._checked(base, stitch_issues(outcomes), outcomes, options)

    def rewrite(self, text: str, options: RewriteOptions) -> RewriteResult:
        """Rewrite ``text`` in the asked tone; edits are the server's word diff."""
        if not text.strip():
            return RewriteResult(text, (), self.name)
        outcomes = self._fan_out(text, rewrite_operation(options))
        return rewrite_result(text, outcomes, options, self.local, self.name)

    def rewrite_stream(self, text: str, options: RewriteOptions) -> Iterator[RewriteEvent]:
        """The rewrite as it streams from the model, in document order, then the result."""
        parts = StreamingParts(self.config, self.caller, self.local, self.name, self.places)
        return stream_rewrite(parts, text, options)

    def improve(
        self, text: str, check_options: CheckOptions, rewrite_options: RewriteOptions
    ) -> tuple[CheckResult, RewriteResult]:
        """Issues and a rewrite preview from one call per chunk."""
        base = self.local.check(text, check_options)
        if not text.strip():
            return replace(base, engine=self.name), RewriteResult(text, (), self.name)
        outcomes = self._fan_out(text, improve_operation(rewrite_options))
        issue_outcomes = [_part(outcome, 0) for outcome in outcomes]
        piece_outcomes = [_part(outcome, 1) for outcome in outcomes]
        checked = self._checked(base, stitch_issues(issue_outcomes), outcomes, check_options)
        rewritten = rewrite_result(text, piece_outcomes, rewrite_options, self.local, self.name)
        return checked, rewritten

    def ideas(self, text: str, options: IdeaOptions) -> IdeasResult:
        """Ideas of the asked kinds, ``count`` of each, from every part of the text."""
        if not text.strip():
            return IdeasResult((), self.name)
        outcomes = self._fan_out(text, ideas_operation(options))
        warnings = notices(outcomes, NO_IDEAS)
        if outcomes and len(failed(outcomes)) == len(outcomes):
            return self._local_ideas(text, options, outcomes, warnings)
        return IdeasResult(_pick_ideas(outcomes, options), self.name, bool(warnings), warnings)

    def _fan_out(
        self, text: str, operation: Operation[T], optional: bool = False
    ) -> list[ChunkOutcome[T]]:
        """Run ``operation`` on every chunk, holding a place for the model (none free: no
        chunk goes to the model, nor, when the answer is complete without the model
        (``optional``), while its calls time out or run long); a chunk too long for the model
        is cut smaller once and run again. No chunk starts after the request's deadline."""
        chunks = plan_chunks(self.config.window, text, operation)
        try:
            with model_place(self.places):
                if optional and self.caller.health.lagging():
                    raise ModelSlow(SLOW_MODEL)
                return self._run(text, chunks, operation)
        except (ModelBusy, ModelSlow) as skipped:
            return [ChunkOutcome(chunk, error=skipped) for chunk in chunks]

    def _run(
        self, text: str, chunks: list[Chunk], operation: Operation[T]
    ) -> list[ChunkOutcome[T]]:
        count = tokens.token_counter(self.config.encoding)
        guard = Guard()
        deadline = DEADLINE.get()

        def work(piece: str, chunk: Chunk) -> T:
            return guard.call(
                lambda: run_on_chunk(
                    self.caller,
                    operation,
                    piece,
                    chunk.tokens,
                    self.config.redact_pii,
                    context_text(text, chunk),
                )
            )

        outcomes = run_chunks(text, chunks, work, self.config.concurrency, deadline)
        if not any(isinstance(outcome.error, ContextTooLong) for outcome in outcomes):
            return outcomes
        redone: list[ChunkOutcome[T]] = []
        for outcome in outcomes:
            if not isinstance(outcome.error, ContextTooLong):
                redone.append(outcome)
                continue
            start, end = outcome.chunk.span.start, outcome.chunk.span.end
            smaller = split_into_chunks(text[start:end], max(outcome.chunk.tokens // 2, 1), count)
            shifted = [Chunk(piece.span.shifted(start), piece.tokens) for piece in smaller]
            redone.extend(run_chunks(text, shifted, work, self.config.concurrency, deadline))
        return redone

    def _checked(
        self,
        base: CheckResult,
        found: Sequence[Issue],
        outcomes: Sequence[ChunkOutcome[Any]],
        options: CheckOptions,
    ) -> CheckResult:
        if options.categories:
            found = [issue for issue in found if issue.category.value in options.categories]
        warnings = notices(outcomes, LOCAL_CHECKED)
        all_failed = bool(outcomes) and len(failed(outcomes)) == len(outcomes)
        kept = base.warnings
        if not failed(outcomes):  # the model read the text, whatever its language
            kept = tuple(n for n in kept if n.code != "language-not-checked")
        return replace(
            base,
            issues=merge_issues(base.issues, found),
            engine=self.local.name if all_failed else self.name,
            warnings=merge_notices(kept, warnings),
            degraded=base.degraded or bool(warnings),
        )

    def _local_ideas(
        self,
        text: str,
        options: IdeaOptions,
        outcomes: Sequence[ChunkOutcome[Any]],
        warnings: tuple[Notice, ...],
    ) -> IdeasResult:
        try:
            result = self.local.ideas(text, options)
        except EngineUnsupported:
            error = outcomes[0].error
            raise error if isinstance(error, LlmError) else LlmError(str(error)) from None
        instead = notices(outcomes, LOCAL_REWROTE)
        return replace(result, degraded=True, warnings=merge_notices(instead, result.warnings))


def _part(outcome: ChunkOutcome[tuple[Any, Any]], index: int) -> ChunkOutcome[Any]:
    value = outcome.value[index] if outcome.ok and outcome.value is not None else None
    return ChunkOutcome(outcome.chunk, value, outcome.error)


def _pick_ideas(
    outcomes: Sequence[ChunkOutcome[list[Idea]]], options: IdeaOptions
) -> tuple[Idea, ...]:
    """``count`` ideas of each kind, in the order asked, taken from every part in turn
    (the last part first for ``continue``), without duplicates."""
    per_chunk = [outcome.value or [] for outcome in outcomes if outcome.ok]
    chosen: list[Idea] = []
    for kind in options.kinds:
        columns = [[idea for idea in ideas if idea.kind is kind] for ideas in per_chunk]
        if kind is IdeaKind.CONTINUE:
            columns.reverse()
        rounds = max((len(column) for column in columns), default=0)
        in_turn = [column[row] for row in range(rounds) for column in columns if row < len(column)]
        chosen.extend(unique_ideas(in_turn)[: options.count])
    return tuple(chosen)
