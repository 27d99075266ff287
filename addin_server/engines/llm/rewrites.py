"""A rewrite put together from its chunks: the model's text where it answered, the local
engine's where it did not, and the word diff chunk by chunk. A part neither could finish (the
request's deadline had passed when the local engine's turn came) is named in
``unprocessed``, and the answer says it is incomplete.

Both the whole rewrite (:mod:`.engine`) and the streamed one (:mod:`.rewrite_stream`) end
here, so their results cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Sequence

from addin_server.engines.base import Engine, RewriteOptions
from addin_server.engines.fanout import ChunkOutcome, rewrite_pieces
from addin_server.engines.llm.fallback import failed, merge_notices, notices
from addin_server.engines.llm.operations import RewritePiece
from addin_server.engines.llm.redaction import describe_dropped
from addin_server.records import Edit, Notice, RewriteResult, Span
from addin_server.text.diff import word_edits

LOCAL_REWROTE = "The local engine answered instead."


def rewrite_result(
    text: str,
    outcomes: Sequence[ChunkOutcome[RewritePiece]],
    options: RewriteOptions,
    local: Engine,
    name: str,
) -> RewriteResult:
    """Stitch the chunks' rewrites (``local``'s where the model failed) into the result of
    the engine called ``name``."""
    texts: list[ChunkOutcome[str]] = []
    local_warnings: list[Notice] = []
    dropped: list[str] = []
    unfinished: list[Span] = []  # what the local engine could not vouch for either
    for outcome in outcomes:
        piece = text[outcome.chunk.span.start : outcome.chunk.span.end]
        if outcome.ok and outcome.value is not None:
            texts.append(ChunkOutcome(outcome.chunk, outcome.value.text))
            dropped.extend(outcome.value.dropped)
            continue
        fallback = local.rewrite(piece, options)
        local_warnings.extend(fallback.warnings)
        texts.append(ChunkOutcome(outcome.chunk, fallback.rewritten))
        unfinished.extend(span.shifted(outcome.chunk.span.start) for span in fallback.unprocessed)
    pieces = rewrite_pieces(text, texts)
    warnings = merge_notices(
        notices(outcomes, LOCAL_REWROTE),
        local_warnings,
        [Notice("pii-placeholder-dropped", describe_dropped(dropped))] if dropped else [],
    )
    all_failed = bool(outcomes) and len(failed(outcomes)) == len(outcomes)
    return RewriteResult(
        "".join(pieces),
        _chunk_edits(texts, pieces, text),
        local.name if all_failed else name,
        degraded=bool(notices(outcomes, "")),
        warnings=warnings,
        unprocessed=tuple(unfinished),
    )


def _chunk_edits(
    outcomes: Sequence[ChunkOutcome[str]], pieces: Sequence[str], text: str
) -> tuple[Edit, ...]:
    """The word diff, chunk by chunk: each chunk's rewrite replaces only that chunk, and
    diffing a whole long text at once costs far more (difflib is quadratic at worst)."""
    return tuple(
        edit.shifted(outcome.chunk.span.start)
        for outcome, piece in zip(outcomes, pieces, strict=True)
        for edit in word_edits(text[outcome.chunk.span.start : outcome.chunk.span.end], piece)
    )
