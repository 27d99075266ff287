"""style.repeated_starts: three or more sentences in a row that open with the same word.

Only the first word of each sentence is read (a search from the sentence's start), never
every word of the text: the rule runs over the whole document on every check, even when
every paragraph comes from the cache, and tokenising 2,000 words for it cost 20 ms.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from addin_server.messages.catalog import message
from addin_server.records import Category, Issue, Severity
from addin_server.rules.base import Document, RuleInfo, Word, bad, good, make_issue
from addin_server.text.words import WORD

MIN_RUN = 3


@dataclass
class RepeatedStartsRule:
    """Flag the opening word of every sentence after the first in a run of same openings."""

    info: RuleInfo

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one issue per repeated opening."""
        run: list[Word] = []
        for first in _openings(document):
            if first is not None and run and first.key == run[0].key:
                run.append(first)
                continue
            yield from self._flag(run)
            run = [first] if first is not None else []
        yield from self._flag(run)

    def _flag(self, run: list[Word]) -> Iterator[Issue]:
        if len(run) < MIN_RUN:
            return
        for word in run[1:]:
            said = message("style.repeated_starts", count=len(run), word=run[0].text)
            yield make_issue(self.info, word.span, said)


def _openings(document: Document) -> Iterator[Word | None]:
    """The first word of each sentence (``None`` for a sentence without one)."""
    text = document.text
    for sentence in document.sentences:
        found = WORD.search(text, sentence.start, sentence.end)
        if found is None:
            yield None
        else:
            word = found.group()
            yield Word(word, found.start(), found.end(), word.lower().replace("’", "'"))


RULE = RepeatedStartsRule(
    RuleInfo(
        id="style.repeated_starts",
        description="Runs of sentences that open with the same word read as monotonous.",
        category=Category.STYLE,
        kind="repeated_starts",
        severity=Severity.SUGGESTION,
        examples=(
            bad("We met. We talked. We left."),
            good("We met. Then we talked. We left."),
            good("We met. We talked.\n\nLater, we left."),
        ),
    ),
)
