"""style.adverbs: sentences that lean on "-ly" adverbs where a stronger verb would do.

One notice per sentence, however many adverbs it has: four underlines for one habit nag. The
notice spans the sentence's adverbs, from the first to the last, so the task pane highlights
the stretch they sit in, and its message names each in order, so every one of them can be
found inside that stretch. It is a region note (``RuleInfo.region``): the issues between the
adverbs neither hide it nor are hidden by it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from addin_server.messages.catalog import message
from addin_server.records import Category, Issue, Severity, Span
from addin_server.rules.base import Document, RuleInfo, Word, bad, good, make_issue
from addin_server.rules.tables import load_words

MIN_ADVERBS = 3
# At most one adverb in this many words reads as normal.
WORDS_PER_ADVERB = 10


@dataclass
class AdverbRule:
    """Flag each sentence crowded with "-ly" adverbs, once."""

    info: RuleInfo

    @cached_property
    def _not_adverbs(self) -> frozenset[str]:
        return load_words("ly_non_adverbs.txt")

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one notice per adverb-heavy sentence, spanning its adverbs."""
        for words in document.sentence_words:
            adverbs = [
                word for position, word in enumerate(words) if self._is_adverb(word, position)
            ]
            if len(adverbs) < MIN_ADVERBS or len(adverbs) * WORDS_PER_ADVERB < len(words):
                continue
            named = ", ".join(f"“{adverb.text}”" for adverb in adverbs)
            said = message("style.adverbs", count=len(adverbs), adverbs=named)
            yield make_issue(self.info, Span(adverbs[0].start, adverbs[-1].end), said)

    def _is_adverb(self, word: Word, position: int) -> bool:
        key = word.key
        if len(key) <= 4 or not key.endswith("ly") or key in self._not_adverbs:
            return False
        # A capitalised word inside a sentence is a name ("Kelly", "Italy").
        return position == 0 or word.text.islower()


RULE = AdverbRule(
    RuleInfo(
        id="style.adverbs",
        description="Sentences crowded with adverbs; stronger verbs carry more meaning.",
        category=Category.STYLE,
        kind="adverbs",
        severity=Severity.SUGGESTION,
        examples=(
            bad("She quickly and quietly ran home, suddenly scared."),
            good("She ran home quickly."),
            good("Only the early family reunion was lovely."),
            good("Kelly and Emily quietly moved to Italy."),
        ),
        region=True,
    ),
)
