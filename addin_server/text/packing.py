"""The work behind :func:`addin_server.text.chunking.split_into_chunks`: units, then packing.

A text is cut into units that are each counted once: paragraphs, and finer pieces only
inside a paragraph that is over the budget. Neighbouring small pieces are counted together
as one group (a call to the tokenizer costs about as much as encoding 60 more characters,
and prose has thousands of short paragraphs); a group is split into its pieces only where a
chunk ends near it. Chunks are then packed greedily: each takes the units that fit and ends
at the farthest boundary of the best kind among them.

A chunk's count is the sum of its units' where the counter says counts add up across the
cuts between them, and a count of the joined text everywhere else.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence

from addin_server.text.boundaries import Boundary, cuts, grapheme_ends

CountTokens = Callable[[str], int]
AdditiveAt = Callable[[str, int], bool]
TokenStarts = Callable[[str], Sequence[int]]


class Units:
    """Units in text order, as parallel lists (ordinary prose has thousands).

    Unit ``i`` runs from ``ends[i - 1]`` (or 0) to ``ends[i]``, has ``tokens[i]`` tokens and
    ends at a boundary of kind ``afters[i]``. A group also keeps the cuts inside it, all of
    one kind, in ``inner[i]``; an indivisible unit has ``None`` there.
    """

    def __init__(self) -> None:
        self.ends: list[int] = []
        self.tokens: list[int] = []
        self.afters: list[Boundary] = []
        self.inner: list[tuple[list[int], Boundary] | None] = []

    def __len__(self) -> int:
        return len(self.ends)

    def add(
        self, end: int, tokens: int, after: Boundary, inner: tuple[list[int], Boundary] | None
    ) -> None:
        """Append a unit that ends at ``end``."""
        self.ends.append(end)
        self.tokens.append(tokens)
        self.afters.append(after)
        self.inner.append(inner)

    def start(self, index: int) -> int:
        """Where unit ``index`` starts."""
        return self.ends[index - 1] if index else 0

    def replace(self, index: int, pieces: Units) -> None:
        """Put ``pieces`` (which cover the same text) in place of unit ``index``."""
        self.ends[index : index + 1] = pieces.ends
        self.tokens[index : index + 1] = pieces.tokens
        self.afters[index : index + 1] = pieces.afters
        self.inner[index : index + 1] = pieces.inner


class Packer:
    """One split of one text into ``(start, end, tokens, boundary)`` chunks."""

    def __init__(
        self,
        text: str,
        budget: int,
        count: CountTokens,
        additive_at: AdditiveAt,
        token_starts: TokenStarts | None,
    ) -> None:
        self.text = text
        self.budget = budget
        self.count = count
        self.additive_at = additive_at
        self.token_starts = token_starts
        # Pieces are grouped up to this many characters: a few hundred tokens of prose.
        self.group_chars = max(1, budget // 4)
        # How much a joined chunk counted over the sum of its units where they did not add
        # up; 1.0 until a chunk shows otherwise.
        self.inflation = 1.0
        self.units = Units()

    def chunks(self) -> list[tuple[int, int, int, Boundary]]:
        """Count the units, then pack them greedily into chunks within the budget."""
        units = self.units
        self._add_units(units, 0, len(self.text), Boundary.PARAGRAPH, Boundary.END, whole=True)
        chunks = []
        first = 0
        while first < len(units):
            last, tokens = self._next_chunk(first)
            chunks.append((units.start(first), units.ends[last], tokens, units.afters[last]))
            first = last + 1
        return chunks

    # --- units ---

    def _add_units(
        self, units: Units, start: int, end: int, level: Boundary, after: Boundary, whole: bool
    ) -> None:
        """Add ``[start, end)`` as units cut at ``level`` (and finer where needed).

        ``whole`` says the range has not been counted yet (it may fit as it is).
        """
        places = cuts(self.text, start, end, level)
        if not places:
            tokens = self.count(self.text[start:end]) if whole else self.budget + 1
            if tokens <= self.budget:
                units.add(end, tokens, after, None)
            else:
                self._add_finer(units, start, end, level, after)
            return
        bounds = [*places, end]
        first = 0
        group_start = start
        while first < len(bounds):
            last = first
            while last + 1 < len(bounds) and bounds[last] - group_start < self.group_chars:
                last += 1
            group_end = bounds[last]
            tokens = self.count(self.text[group_start:group_end])
            join = after if group_end == end else level
            if tokens <= self.budget:
                inner = (bounds[first:last], level) if last > first else None
                units.add(group_end, tokens, join, inner)
            elif last > first:
                self._add_pieces(units, group_start, bounds[first : last + 1], level, join)
            else:
                self._add_finer(units, group_start, group_end, level, join)
            group_start = group_end
            first = last + 1

    def _add_pieces(
        self, units: Units, start: int, ends: list[int], level: Boundary, after: Boundary
    ) -> None:
        """Add the pieces ending at ``ends`` one by one, each counted alone."""
        piece_start = start
        for index, piece_end in enumerate(ends):
            join = after if index == len(ends) - 1 else level
            tokens = self.count(self.text[piece_start:piece_end])
            if tokens <= self.budget:
                units.add(piece_end, tokens, join, None)
            else:
                self._add_finer(units, piece_start, piece_end, level, join)
            piece_start = piece_end

    def _add_finer(
        self, units: Units, start: int, end: int, level: Boundary, after: Boundary
    ) -> None:
        if level < Boundary.SPACE:
            self._add_units(units, start, end, Boundary(level + 1), after, whole=False)
        else:
            self._add_hard_cuts(units, start, end, after)

    def _ungroup(self, index: int) -> None:
        """Replace group ``index`` by its pieces, each counted alone."""
        inner = self.units.inner[index]
        if inner is None:
            return
        cuts_inside, level = inner
        pieces = Units()
        end = self.units.ends[index]
        self._add_pieces(
            pieces, self.units.start(index), [*cuts_inside, end], level, self.units.afters[index]
        )
        self.units.replace(index, pieces)

    def _add_hard_cuts(self, units: Units, start: int, end: int, after: Boundary) -> None:
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
            units.add(cut, tokens, after if cut == end else Boundary.TOKEN, None)
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

    # --- packing ---

    def _next_chunk(self, first: int) -> tuple[int, int]:
        """The last unit of the chunk that starts with unit ``first``, and its count."""
        units = self.units
        reach = self._reach(first)
        while True:
            last = self._best_cut(first, reach)
            tokens = self._count_units(first, last)
            if tokens <= self.budget or last == first:
                break
            # The joined text counts more than its units: step back in proportion, and
            # expect as much from the next chunks.
            self.inflation = min(2.0, tokens / sum(units.tokens[first : last + 1]))
            too_far = units.ends[last]
            reach = self._reach(first)  # may split a group: find the old end by offset
            while reach > first and units.ends[reach] >= too_far:
                reach -= 1
        if units.afters[last] > Boundary.SENTENCE:
            return self._sentence_end_beyond(first, reach) or (last, tokens)
        return last, tokens

    def _reach(self, first: int) -> int:
        """The last unit from ``first`` whose sum of counts is within the budget (less what
        joins are expected to add); the group just past it is split into its pieces first,
        so that the chunk can end at any of them."""
        units = self.units
        allowance = self.budget / self.inflation
        total = 0
        index = first
        while index < len(units):
            if total + units.tokens[index] > allowance and index > first:
                if units.inner[index] is None:
                    return index - 1
                self._ungroup(index)
                continue
            total += units.tokens[index]
            index += 1
        return len(units) - 1

    def _best_cut(self, first: int, reach: int) -> int:
        """The farthest unit in ``first..reach`` that ends at the best kind of boundary."""
        afters = self.units.afters
        best = first
        for index in range(first + 1, reach + 1):
            if afters[index] <= afters[best]:
                best = index
        return best

    def _adds_up(self, first: int, last: int) -> bool:
        text, ends, additive_at = self.text, self.units.ends, self.additive_at
        return all(additive_at(text, ends[index]) for index in range(first, last))

    def _count_units(self, first: int, last: int) -> int:
        """The exact count of units ``first..last`` joined: their sum where it adds up."""
        if self._adds_up(first, last):
            return sum(self.units.tokens[first : last + 1])
        return self.count(self.text[self.units.start(first) : self.units.ends[last]])

    def _sentence_end_beyond(self, first: int, reach: int) -> tuple[int, int] | None:
        """A sentence end just past the reach of the sums that fits by an exact count.

        Sums over cuts that do not add up can overshoot the real count; a sentence end is
        worth one more count before the chunk settles for a clause or a word.
        """
        units = self.units
        total = sum(units.tokens[first : reach + 1])
        index = reach + 1
        while index < len(units):
            inner = units.inner[index]
            if inner is not None and inner[1] <= Boundary.SENTENCE:
                self._ungroup(index)  # the first sentence end may be inside it
                continue
            total += units.tokens[index]
            if total > 2 * self.budget:
                return None
            if units.afters[index] <= Boundary.SENTENCE:
                if self._adds_up(first, index):  # the sum is exact (the reach may have
                    # stopped short of it only for the inflation expected of joins)
                    return (index, total) if total <= self.budget else None
                tokens = self.count(self.text[units.start(first) : units.ends[index]])
                return (index, tokens) if tokens <= self.budget else None
            index += 1
        return None
