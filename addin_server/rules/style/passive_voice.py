"""style.passive_voice: "was written", "has been taken" — flagged, never rewritten.

Without a parser, precision comes first: a form of "be" (perhaps with an adverb or "being"
between) followed by a past participle, where the participle is an irregular one ("written")
or a regular "-ed" word that is not a state or feeling ("tired", "interested": see
``data/participle_adjectives.tsv``). Turning it active needs the agent, which only the writer
knows, so the rule offers no fix.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from addin_server.messages.catalog import message
from addin_server.records import Category, Issue, Severity, Span
from addin_server.rules.base import Document, RuleInfo, Word, bad, good, make_issue
from addin_server.rules.english.irregular_verbs import irregular_participles
from addin_server.rules.tables import DATA, load_words, rows

_BE = frozenset({"am", "is", "are", "was", "were", "be", "been", "being"})
_BETWEEN = frozenset(
    {"not", "never", "also", "often", "always", "already", "still", "just", "usually",
     "sometimes", "rarely", "then", "now", "being", "been", "all", "both", "easily", "widely"}
)  # fmt: skip
_MAX_BETWEEN = 2


@dataclass
class PassiveVoiceRule:
    """Flag "be" + past participle."""

    info: RuleInfo

    @cached_property
    def _adjectives(self) -> dict[str, str]:
        return {cells[0]: cells[1] for cells in rows(DATA / "participle_adjectives.tsv")}

    @cached_property
    def _adverbs_excluded(self) -> frozenset[str]:
        return load_words("ly_non_adverbs.txt")

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one issue per passive construction."""
        text = document.text
        for words in document.sentence_words:
            index = 0
            while index < len(words):
                end = self._participle_after(text, words, index)
                if end is None:
                    index += 1
                    continue
                span = Span(words[index].span.start, words[end].span.end)
                said = message("style.passive_voice", phrase=text[span.start : span.end])
                yield make_issue(self.info, span, said)
                index = end + 1

    def _participle_after(self, text: str, words: list[Word], index: int) -> int | None:
        if words[index].key not in _BE:
            return None
        position = index + 1
        skipped = 0
        while position < len(words) and skipped <= _MAX_BETWEEN:
            if text[words[position - 1].span.end : words[position].span.start].strip():
                return None  # punctuation between: not one verb phrase
            key = words[position].key
            if self._is_participle(key) and words[position].text.islower():
                agent = position + 1 < len(words) and words[position + 1].key == "by"
                kind = self._adjectives.get(key)
                if kind == "always" or (kind == "unless-by" and not agent):
                    return None
                return position
            if key in _BETWEEN or self._is_adverb(key):
                position += 1
                skipped += 1
                continue
            return None
        return None

    def _is_participle(self, key: str) -> bool:
        if key.startswith("un"):
            return False
        if key in irregular_participles():
            return True
        return len(key) >= 5 and key.endswith("ed") and not key.endswith("eed")

    def _is_adverb(self, key: str) -> bool:
        return len(key) > 4 and key.endswith("ly") and key not in self._adverbs_excluded


RULE = PassiveVoiceRule(
    RuleInfo(
        id="style.passive_voice",
        description="Passive voice hides who acts; active sentences are usually clearer.",
        category=Category.CLARITY,
        kind="passive_voice",
        severity=Severity.SUGGESTION,
        examples=(
            bad("The report was written by Sam."),
            bad("Mistakes were made."),
            bad("The bridge has been rebuilt twice."),
            bad("The house was being built."),
            bad("The plan was quickly approved."),
            bad("The shop was closed by the police."),
            good("I am tired."),
            good("She was interested in the offer."),
            good("The shop is closed on Sundays."),
            good("He is unknown here."),
            good("We wrote the report."),
            good("It is red."),
            good("The answer is, needed or not, no."),
        ),
    ),
)
