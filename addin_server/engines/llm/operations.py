"""What each operation asks the model for, and how one chunk's answer is read.

An :class:`Operation` pairs a prompt (with its values) and a reader; :func:`run_on_chunk`
redacts the chunk if asked, sizes the call from the chunk's tokens, asks, and reads the
answer back in the chunk's own terms (placeholders restored, quotes located).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from addin_server.engines.base import IdeaOptions, Length, RewriteOptions
from addin_server.engines.llm import locate
from addin_server.engines.llm.output import check_rewrite
from addin_server.engines.llm.prompts import Prompt, load_prompt, render, schema_for
from addin_server.engines.llm.redaction import Redaction, redact
from addin_server.engines.llm.transport import ModelCaller, ModelRequest
from addin_server.records import Idea, IdeaKind, Issue
from addin_server.text import tokens
from addin_server.tones import find

T = TypeVar("T")
Reader = Callable[[dict[str, Any], str, Redaction], T]
NO_TONE = "keep the writer's tone; fix errors and make it read well"


@dataclass(frozen=True)
class Operation(Generic[T]):
    """A prompt filled with everything but the text, and how to read its answers."""

    prompt: Prompt
    read: Reader[T]
    values: dict[str, str] = field(default_factory=dict)
    wish: str = ""
    schema: dict[str, Any] = field(default_factory=dict)
    answer_tokens: int = 0  # a fixed answer size on top of the per-token ratio

    def render_empty(self, context: str = "") -> str:
        """The whole prompt without the text (to count its tokens)."""
        messages = render(self.prompt, "", self.wish, context=context, **self.values)
        return messages.system + "\n" + messages.user


@dataclass(frozen=True)
class RewritePiece:
    """One chunk's rewrite, and the placeholders the model dropped from it."""

    text: str
    dropped: tuple[str, ...] = ()


def rewrite_operation(options: RewriteOptions) -> Operation[RewritePiece]:
    """The rewrite operation for ``options``."""
    prompt = load_prompt("rewrite")

    def read(answer: dict[str, Any], chunk: str, redaction: Redaction) -> RewritePiece:
        return _rewrite_piece(answer["rewritten"], chunk, redaction, options.length)

    return _rewriting(prompt, read, options)


def grammar_operation(language: str) -> Operation[list[Issue]]:
    """The deep grammar check."""
    prompt = load_prompt("grammar")

    def read(answer: dict[str, Any], chunk: str, redaction: Redaction) -> list[Issue]:
        return locate.locate(chunk, locate.read_edits(answer["edits"], redaction.restore))

    return Operation(
        prompt,
        read,
        {"language": language},
        schema=prompt.schema,
        answer_tokens=prompt.answer_tokens,
    )


def improve_operation(options: RewriteOptions) -> Operation[tuple[list[Issue], RewritePiece]]:
    """Issues and a rewrite of each chunk, from one call."""
    prompt = load_prompt("improve")

    def read(
        answer: dict[str, Any], chunk: str, redaction: Redaction
    ) -> tuple[list[Issue], RewritePiece]:
        issues = locate.locate(chunk, locate.read_edits(answer["edits"], redaction.restore))
        piece = _rewrite_piece(answer["rewritten"], chunk, redaction, options.length)
        return issues, piece

    return _rewriting(prompt, read, options)


def ideas_operation(options: IdeaOptions) -> Operation[list[Idea]]:
    """Ideas of the asked kinds, ``count`` of each."""
    prompt = load_prompt("ideas")
    asked = [kind.value for kind in options.kinds]
    wanted = "\n".join(
        f"- {options.count} “{kind}”: {prompt.word('kinds', kind)}" for kind in asked
    )

    def read(answer: dict[str, Any], chunk: str, redaction: Redaction) -> list[Idea]:
        return [
            Idea(
                IdeaKind(item["kind"]),
                redaction.restore(item["title"].strip())[:200],
                redaction.restore(item["text"].strip())[:2000],
            )
            for item in answer["ideas"]
            if item["kind"] in asked and item["title"].strip() and item["text"].strip()
        ]

    return Operation(
        prompt,
        read,
        {"language": options.language, "kinds": wanted},
        schema=schema_for(prompt, kind=asked),
        answer_tokens=prompt.answer_tokens + prompt.per_idea_tokens * options.count * len(asked),
    )


def run_on_chunk(
    caller: ModelCaller,
    operation: Operation[T],
    chunk: str,
    chunk_tokens: int,
    redact_pii: bool,
    context: str = "",
) -> T:
    """Ask the model about one chunk and read its answer in the chunk's terms."""
    request, redaction = build_request(caller, operation, chunk, chunk_tokens, redact_pii, context)
    return caller.ask(request, lambda answer: operation.read(answer, chunk, redaction))


def build_request(
    caller: ModelCaller,
    operation: Operation[Any],
    chunk: str,
    chunk_tokens: int,
    redact_pii: bool,
    context: str = "",
) -> tuple[ModelRequest, Redaction]:
    """The call for one chunk (redacted if asked), with ``max_tokens`` sized from it.

    ``context`` (the sentence before the chunk) goes along to be read, not edited; with
    redaction on it stays home, since its placeholders would clash with the chunk's.
    """
    redaction = redact(chunk) if redact_pii else Redaction(chunk)
    messages = render(
        operation.prompt,
        redaction.text,
        operation.wish,
        context="" if redact_pii else context,
        **operation.values,
    )
    config = caller.config
    prompt_tokens = count(caller, messages.system + messages.user) - chunk_tokens
    request = ModelRequest(
        label=operation.prompt.label,
        messages=messages,
        schema=operation.schema,
        # Read leniently: an idea of a kind not asked for is dropped, not the whole answer.
        accepts=operation.prompt.schema,
        max_tokens=tokens.max_output_tokens(
            chunk_tokens,
            output_ratio=operation.prompt.output_ratio,
            slack=tokens.OUTPUT_SLACK + operation.answer_tokens,
            context_tokens=config.context_tokens,
            prompt_tokens=prompt_tokens,
        ),
        temperature=operation.prompt.temperature,
        original=redaction.text,
    )
    return request, redaction


def count(caller: ModelCaller, text: str) -> int:
    """Tokens of ``text`` in the model's encoding."""
    return tokens.count_tokens(tokens.get_encoding(caller.config.encoding), text)


def _rewriting(prompt: Prompt, read: Reader[T], options: RewriteOptions) -> Operation[T]:
    """An operation that rewrites (``rewrite``, ``improve``): the tone, its sliders and the
    writer's wish fill the prompt."""
    tone = find(options.tone)
    values = {
        "tone": tone.prompt if tone else NO_TONE,
        "formality": prompt.word("formality", str(options.formality)),
        "length": prompt.word("length", Length(options.length).value),
        "language": options.language,
    }
    return Operation(prompt, read, values, options.instruction, prompt.schema, prompt.answer_tokens)


def _rewrite_piece(raw: str, chunk: str, redaction: Redaction, length: Length) -> RewritePiece:
    restored = check_rewrite(chunk, redaction.restore(raw), length)
    return RewritePiece(restored, tuple(redaction.dropped(raw)))
