"""style.long_sentence: sentences longer than ``ADDIN_LONG_SENTENCE_WORDS`` words (35)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from addin_server.messages.catalog import message
from addin_server.records import Category, Issue, Severity
from addin_server.rules.base import Document, RuleInfo, bad, good, make_issue

DEFAULT_LIMIT = 35
PARAM = "long_sentence_words"


@dataclass
class LongSentenceRule:
    """Flag each sentence with more words than the document's limit."""

    info: RuleInfo

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one note per long sentence, spanning the sentence."""
        limit = int(document.param(PARAM, DEFAULT_LIMIT))
        for span, words in zip(document.sentences, document.sentence_words, strict=True):
            if len(words) > limit:
                said = message("style.long_sentence", count=len(words), limit=limit)
                yield make_issue(self.info, span, said)


_LONG = " ".join(["We walked"] + ["and talked"] * 17) + "."

RULE = LongSentenceRule(
    RuleInfo(
        id="style.long_sentence",
        description="Sentences so long that readers lose the thread.",
        category=Category.CLARITY,
        kind="long_sentence",
        severity=Severity.SUGGESTION,
        examples=(
            bad(_LONG),
            good("We walked and talked. " * 20),
            good(" ".join(["word"] * 35) + "."),
        ),
        region=True,
    ),
)
