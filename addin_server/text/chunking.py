"""Split a text into chunks that fit a token budget, as exact slices of the text.

Concatenated, the chunks give back the text byte for byte. Each chunk ends at the best kind
of boundary that keeps it within the budget (paragraph, sentence, clause, word; see
:mod:`addin_server.text.boundaries`), the farthest one of that kind. Only a single overlong
run without whitespace (a URL, a base64 blob) is cut inside, at a token boundary that is
also a grapheme cluster boundary.

Cost: the text is cut into units (paragraphs, and finer pieces only inside a paragraph that
is over the budget), each unit is counted once, and a chunk's count is the sum of its
units' (see :mod:`addin_server.text.packing`). Where the counter can tell that counts add up
across a cut (tiktoken's encodings can, see :class:`addin_server.text.tokens.EncodingCounter`),
that sum is exact; across any other cut the chunk is counted again as a whole. A plain
``count_tokens`` callable works too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from addin_server.records import Span
from addin_server.text.boundaries import Boundary
from addin_server.text.packing import Packer
from addin_server.text.sentences import sentence_spans

CountTokens = Callable[[str], int]
# The read-only context before a chunk is one sentence, cut to at most this many characters.
CONTEXT_CHARS = 600


@runtime_checkable
class TokenCounter(Protocol):
    """A token counter that also knows where counts add up and where tokens start."""

    def __call__(self, text: str) -> int:
        """Number of tokens in ``text``."""
        ...

    def additive_at(self, text: str, offset: int) -> bool:
        """Whether the counts of ``text[:offset]`` and ``text[offset:]`` add up to ``text``'s."""
        ...

    def token_starts(self, text: str) -> Sequence[int]:
        """Offsets where the tokens of ``text`` start, ascending."""
        ...


@dataclass(frozen=True, slots=True)
class Chunk:
    """A slice of the document, ``span`` in its code points, and its token count.

    ``context`` is the sentence just before the chunk (when asked for): text to show a model
    for coherence, never to edit. ``boundary`` says what kind of boundary the chunk ends at.
    """

    span: Span
    tokens: int
    context: Span | None = None
    boundary: Boundary = Boundary.END


def split_into_chunks(
    text: str,
    budget: int,
    count_tokens: CountTokens,
    *,
    with_context: bool = False,
    context_chars: int = CONTEXT_CHARS,
) -> list[Chunk]:
    """Cut ``text`` into chunks of at most ``budget`` tokens each (``budget`` >= 1).

    A chunk is over the budget only when it is one grapheme cluster that alone is over it.
    With ``with_context``, every chunk but the first carries the sentence before it.
    """
    if budget < 1:
        raise ValueError("the token budget must be at least 1")
    if not text:
        return []
    if isinstance(count_tokens, TokenCounter):
        packer = Packer(
            text, budget, count_tokens, count_tokens.additive_at, count_tokens.token_starts
        )
    else:  # no hints: every multi-unit chunk is counted again, every hard cut by search
        packer = Packer(text, budget, count_tokens, _never_additive, None)
    chunks = [
        Chunk(Span(start, end), tokens, boundary=boundary)
        for start, end, tokens, boundary in packer.chunks()
    ]
    if with_context:
        chunks = [
            replace(chunk, context=preceding_sentence(text, chunk.span.start, context_chars))
            for chunk in chunks
        ]
    return chunks


def preceding_sentence(text: str, offset: int, max_chars: int = CONTEXT_CHARS) -> Span | None:
    """The last sentence that ends before ``offset`` (its last ``max_chars`` at most)."""
    window_start = max(0, offset - max_chars)
    spans = sentence_spans(text[window_start:offset])
    return spans[-1].shifted(window_start) if spans else None


def context_text(text: str, chunk: Chunk) -> str:
    """The read-only context of ``chunk`` (empty without one): for a model to read, not edit."""
    return text[chunk.context.start : chunk.context.end] if chunk.context else ""


def _never_additive(text: str, offset: int) -> bool:
    return False
