"""Scores per error type, the way the field reports them: ERRANT (Bryant et al., 2017).

ERRANT aligns a sentence with its correction, merges the aligned tokens into edits and names
each edit's type from parts of speech and lemmas (``R:VERB:SVA``: a verb replaced for
subject-verb agreement; ``M:DET``: a determiner missing; ``U:PREP``: a preposition to go).
The references' edits are extracted once per annotator; a system's edits are extracted from
its output the same way. A sentence is scored against each of the four references in turn
and keeps the one that gives the corpus the best F0.5 so far (ERRANT's ``compare_m2`` with
several annotators); an edit is right when its span and its correction match the chosen
reference's (span-based correction, ERRANT's default; ``UNK`` edits, detected but not
corrected by the annotator, are left out).

Spans are JFLEG tokens: sources and references are tokenised already, and a system's output
is retokenised the same way (:mod:`quality.tokens`), so the parser sees what the scorer
scores.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from addin_server.rules.english.nlp import MODEL_PACKAGES

BETA = 0.5
UNKNOWN = "UNK"


@dataclass(frozen=True, slots=True)
class TypedEdit:
    """One edit: source tokens ``[start, end)`` become ``correction``; its ERRANT type; and
    the source words, for the confusion list."""

    start: int
    end: int
    correction: str
    type: str
    original: str

    @property
    def key(self) -> tuple[int, int, str]:
        """What must match for the edit to count as right."""
        return self.start, self.end, self.correction


@dataclass
class Counts:
    """True positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        """Add ``other``'s counts to these."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """Share of the system's edits that are right (1 with no edit, as ERRANT has it)."""
        return self.tp / (self.tp + self.fp) if self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of the reference's edits the system made (1 with none to make)."""
        return self.tp / (self.tp + self.fn) if self.fn else 1.0

    @property
    def f05(self) -> float:
        """F0.5: precision weighs twice as much as recall."""
        return f_score(self.tp, self.fp, self.fn)


def f_score(tp: int, fp: int, fn: int, beta: float = BETA) -> float:
    """ERRANT's F-beta, with its conventions for empty counts."""
    precision = tp / (tp + fp) if fp else 1.0
    recall = tp / (tp + fn) if fn else 1.0
    if not precision + recall:
        return 0.0
    return (1 + beta**2) * precision * recall / (beta**2 * precision + recall)


@dataclass
class TypeScores:
    """A system's counts overall and per ERRANT type, and the reference edits it missed."""

    overall: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=dict)
    missed: Counter[tuple[str, str, str]] = field(default_factory=Counter)

    def count(self, edit_type: str) -> Counts:
        """The counts of ``edit_type`` (made on first use)."""
        return self.by_type.setdefault(edit_type, Counts())


class Annotator:
    """ERRANT's English annotator on the installed spaCy pipeline (loaded once)."""

    def __init__(self) -> None:
        import errant

        self._nlp = _pipeline()
        self._errant = errant.load("en", nlp=self._nlp)

    def parse_many(self, sentences: Iterable[Sequence[str]]) -> list[Any]:
        """Tag and parse tokenised sentences in one batch, keeping their tokens."""
        from spacy.tokens import Doc

        docs = (Doc(self._nlp.vocab, words=list(tokens) or [""]) for tokens in sentences)
        return list(self._nlp.pipe(docs, batch_size=256))

    def edits(self, source: Any, corrected: Any) -> tuple[TypedEdit, ...]:
        """The typed edits that turn the parsed ``source`` into the parsed ``corrected``."""
        if [t.text for t in source] == [t.text for t in corrected]:
            return ()
        found = self._errant.annotate(source, corrected)
        return tuple(
            TypedEdit(e.o_start, e.o_end, e.c_str, e.type, e.o_str)
            for e in found
            if e.type != UNKNOWN
        )

    def edits_of_all(
        self, sources: Sequence[Any], corrections: Sequence[Sequence[str]]
    ) -> list[tuple[TypedEdit, ...]]:
        """The edits of each corrected sentence against its parsed source (sentences the
        correction leaves as they were are not parsed)."""
        changed = [
            index
            for index, tokens in enumerate(corrections)
            if list(tokens) != [t.text for t in sources[index]]
        ]
        parsed = dict(zip(changed, self.parse_many(corrections[i] for i in changed), strict=True))
        return [
            self.edits(source, parsed[index]) if index in parsed else ()
            for index, source in enumerate(sources)
        ]


@cache
def _pipeline() -> Any:
    """spaCy's small English pipeline with the tagger, parser and lemmatizer ERRANT uses."""
    import importlib

    for name in MODEL_PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(exclude=["ner"])
    raise RuntimeError(f"no spaCy English pipeline installed ({', '.join(MODEL_PACKAGES)})")


@dataclass(frozen=True)
class References:
    """Every sentence's source parse and, per annotator, the edits it made."""

    sources: list[Any]
    edits: list[list[tuple[TypedEdit, ...]]]

    @classmethod
    def build(
        cls,
        annotator: Annotator,
        sources: Sequence[Sequence[str]],
        references: Sequence[Sequence[Sequence[str]]],
    ) -> References:
        """Parse the sources and extract each annotator's edits."""
        parsed = annotator.parse_many(sources)
        columns = [
            annotator.edits_of_all(parsed, [refs[n] for refs in references])
            for n in range(len(references[0]))
        ]
        return cls(parsed, [list(edits) for edits in zip(*columns, strict=True)])


def score(
    hypotheses: Sequence[tuple[TypedEdit, ...]],
    references: Sequence[Sequence[tuple[TypedEdit, ...]]],
    sentences: Iterable[int] | None = None,
) -> TypeScores:
    """Score a system's edits against the references, sentence by sentence, each against
    the reference that gives the best corpus F0.5 so far (ERRANT's choice)."""
    result = TypeScores()
    for index in range(len(hypotheses)) if sentences is None else sentences:
        best = _best_reference(hypotheses[index], references[index], result.overall)
        made = {edit.key for edit in hypotheses[index]}
        wanted = {edit.key: edit for edit in best}
        for edit in hypotheses[index]:
            if edit.key in wanted:
                result.count(wanted[edit.key].type).tp += 1
            else:
                result.count(edit.type).fp += 1
        for key, edit in wanted.items():
            if key not in made:
                result.count(edit.type).fn += 1
                result.missed[(edit.type, edit.original, edit.correction)] += 1
        result.overall.add(_compare(hypotheses[index], best))
    return result


def _compare(hypothesis: tuple[TypedEdit, ...], reference: tuple[TypedEdit, ...]) -> Counts:
    made = {edit.key for edit in hypothesis}
    wanted = {edit.key for edit in reference}
    return Counts(len(made & wanted), len(made - wanted), len(wanted - made))


def _best_reference(
    hypothesis: tuple[TypedEdit, ...],
    references: Sequence[tuple[TypedEdit, ...]],
    so_far: Counts,
) -> tuple[TypedEdit, ...]:
    """The reference that maximises the corpus F0.5 with this sentence added; ties go to
    more true positives, then fewer false positives, then fewer false negatives."""

    def rank(reference: tuple[TypedEdit, ...]) -> tuple[float, int, int, int]:
        local = _compare(hypothesis, reference)
        corpus = f_score(so_far.tp + local.tp, so_far.fp + local.fp, so_far.fn + local.fn)
        return round(corpus, 4), local.tp, -local.fp, -local.fn

    best = references[0]
    best_rank = rank(best)
    for reference in references[1:]:
        candidate = rank(reference)
        if candidate > best_rank:
            best, best_rank = reference, candidate
    return best
