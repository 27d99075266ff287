"""Split a text into chunks that fit a token budget, as exact slices of the text.

Concatenated, the chunks give back the text byte for byte. Each chunk ends at the best kind
of boundary that keeps it within the budget (paragraph, sentence, clause, word; see
:mod:`addin_server.text.boundaries`), the farthest one of that kind. Only a single overlong
run without whitespace (a URL, a base64 blob) is cut inside, at a token boundary that is
also a grapheme cluster boundary.

Cost: the text is cut into units (paragraphs, and finer pieces only inside a paragraph that
is over the budget), each unit is counted once, and a chunk's count is the sum of its
units'. Where the counter can tell that counts add up across a cut (tiktoken's encodings can,
see :class:`addin_server.text.tokens.TokenCounter`), that sum is exact; across any other cut
the chunk is counted again as a whole. A plain ``count_tokens`` callable works too.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Protocol, runtime_checkable

from addin_server.records import Span
from addin_server.text.boundaries import Boundary, cuts, grapheme_ends
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


@dataclass(frozen=True, slots=True)
class _Unit:
    """A piece counted once; ``after`` is the kind of boundary at its end."""

    start: int
    end: int
    tokens: int
    after: Boundary


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
    chunks = _Splitter(text, budget, count_tokens).chunks()
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


def _never_additive(text: str, offset: int) -> bool:
    return False


class _Splitter:
    """One split of one text: its units, then the chunks packed from them."""

    def __init__(self, text: str, budget: int, count: CountTokens) -> None:
        self.text = text
        self.budget = budget
        self.count = count
        self.additive_at: Callable[[str, int], bool] = _never_additive
        self.token_starts: Callable[[str], Sequence[int]] | None = None
        if isinstance(count, TokenCounter):
            self.additive_at = count.additive_at
            self.token_starts = count.token_starts

    def chunks(self) -> list[Chunk]:
        """Pack the units greedily into chunks, each ending at the best cut in reach."""
        units = list(
            self._units(0, len(self.text), Boundary.PARAGRAPH, Boundary.END, overlong=False)
        )
        chunks: list[Chunk] = []
        first = 0
        while first < len(units):
            last, tokens = self._next_chunk(units, first)
            span = Span(units[first].start, units[last].end)
            chunks.append(Chunk(span, tokens, boundary=units[last].after))
            first = last + 1
        return chunks

    # --- units: pieces within the budget, each counted once ---

    def _units(
        self, start: int, end: int, level: Boundary, after: Boundary, *, overlong: bool
    ) -> Iterator[_Unit]:
        places = cuts(self.text, start, end, level)
        if not places:
            if not overlong:
                tokens = self.count(self.text[start:end])
                if tokens <= self.budget:
                    yield _Unit(start, end, tokens, after)
                    return
            yield from self._finer(start, end, level, after)
            return
        bounds = [start, *places, end]
        for index in range(len(bounds) - 1):
            piece_start, piece_end = bounds[index], bounds[index + 1]
            join = after if index == len(bounds) - 2 else level
            tokens = self.count(self.text[piece_start:piece_end])
            if tokens <= self.budget:
                yield _Unit(piece_start, piece_end, tokens, join)
            else:
                yield from self._finer(piece_start, piece_end, level, join)

    def _finer(self, start: int, end: int, level: Boundary, after: Boundary) -> Iterator[_Unit]:
        if level < Boundary.SPACE:
            yield from self._units(start, end, Boundary(level + 1), after, overlong=True)
        else:
            yield from self._hard_cut(start, end, after)

    def _hard_cut(self, start: int, end: int, after: Boundary) -> Iterator[_Unit]:
        """Cut one overlong run at token boundaries that are also cluster boundaries."""
        clusters = grapheme_ends(self.text, start, end)
        preferred = clusters
        if self.token_starts is not None:
            starts = {start + offset for offset in self.token_starts(self.text[start:end])}
            preferred = [offset for offset in clusters if offset in starts or offset == end]
        position = start
        while position < end:
            found = self._farthest_fit(position, preferred) or self._farthest_fit(
                position, clusters
            )
            if found is None:  # one cluster alone is over the budget: it cannot be split
                cut = clusters[bisect_right(clusters, position)]
                found = cut, self.count(self.text[position:cut])
            cut, tokens = found
            yield _Unit(position, cut, tokens, after if cut == end else Boundary.TOKEN)
            position = cut

    def _farthest_fit(self, position: int, candidates: list[int]) -> tuple[int, int] | None:
        """The farthest candidate end whose piece from ``position`` fits, and its count."""
        first = bisect_right(candidates, position)
        best: tuple[int, int] | None = None
        low, high = first - 1, len(candidates)  # candidates[low] fits, candidates[high] not
        step = max(1, self.budget)
        probe = first + step - 1
        while probe < len(candidates):  # gallop out to a candidate that does not fit
            tokens = self.count(self.text[position : candidates[probe]])
            if tokens > self.budget:
                high = probe
                break
            low, best = probe, (candidates[probe], tokens)
            step *= 2
            probe = first + step - 1
        while high - low > 1:
            middle = (low + high) // 2
            tokens = self.count(self.text[position : candidates[middle]])
            if tokens > self.budget:
                high = middle
            else:
                low, best = middle, (candidates[middle], tokens)
        return best

    # --- packing: the best cut within reach ---

    def _next_chunk(self, units: list[_Unit], first: int) -> tuple[int, int]:
        """The last unit of the chunk that starts at ``units[first]``, and the chunk's count."""
        reach = self._reach(units, first)
        while True:
            last = _best_cut(units, first, reach)
            tokens = self._tokens(units, first, last)
            if tokens <= self.budget or last == first:
                break
            reach = last - 1  # the sum was short of the whole's count: step back
        if units[last].after > Boundary.SENTENCE:
            return self._sentence_end_beyond(units, first, reach) or (last, tokens)
        return last, tokens

    def _reach(self, units: list[_Unit], first: int) -> int:
        """The last unit that fits after ``units[first]`` by the sum of unit counts."""
        total = 0
        for index in range(first, len(units)):
            total += units[index].tokens
            if total > self.budget and index > first:
                return index - 1
        return len(units) - 1

    def _additive(self, units: list[_Unit], first: int, last: int) -> bool:
        return all(self.additive_at(self.text, units[k].end) for k in range(first, last))

    def _tokens(self, units: list[_Unit], first: int, last: int) -> int:
        """The exact count of units ``first..last`` joined: their sum where it adds up."""
        if self._additive(units, first, last):
            return sum(units[k].tokens for k in range(first, last + 1))
        return self.count(self.text[units[first].start : units[last].end])

    def _sentence_end_beyond(
        self, units: list[_Unit], first: int, reach: int
    ) -> tuple[int, int] | None:
        """A sentence end just past the reach of the sums that fits by an exact count.

        Sums over cuts that do not add up can overshoot the real count; a sentence end is
        worth one more count before the chunk settles for a clause or a word.
        """
        total = sum(units[k].tokens for k in range(first, reach + 1))
        for index in range(reach + 1, len(units)):
            total += units[index].tokens
            if total > 2 * self.budget:
                return None
            if units[index].after <= Boundary.SENTENCE:
                if self._additive(units, first, index):
                    return None  # the sum is exact, and it is over
                tokens = self.count(self.text[units[first].start : units[index].end])
                return (index, tokens) if tokens <= self.budget else None
        return None


def _best_cut(units: list[_Unit], first: int, reach: int) -> int:
    """The farthest unit in ``first..reach`` that ends at the best kind of boundary."""
    best = first
    for index in range(first + 1, reach + 1):
        if units[index].after <= units[best].after:
            best = index
    return best
