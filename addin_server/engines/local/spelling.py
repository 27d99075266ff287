"""Order Harper's spelling suggestions by context, so the first one is the likely word.

Harper's SpellCheck offers up to three words close in spelling, ordered without regard to
the sentence: "the docters said" gets "dockers" first, "I woud like" gets "wood". We score
each suggestion ``c`` of a misspelt ``w`` between the words ``L`` and ``R`` as a noisy
channel does::

    log P(c | L) + log P(R | c) - 4 · distance(w, c) - 0.5 · Harper's rank of c

with P(c | L) from the count of the pair "L c" where the pair table has it, else 0.4 · P(c)
(stupid back-off), the distance being the optimal string alignment distance. Where Harper's
list lacks a word that fits ("completely baed on facts": bad, bade, bald), the common words
one edit away (counted at least 10 million times) compete too; one is put first only if it
beats Harper's best by a wide margin and Harper accepts it in the request's dialect.

Kept first whatever the scores: a term from the request's dictionary that the tables do not
know (they would rank it last for want of counts), the same word spelt for the request's
dialect ("colour" -> "color" in en-US, "color" -> "colour" in en-GB: Harper's own dialect
suggestions), and an apostrophe put back ("dont" -> "don't"). Where the tables do not know
Harper's first suggestion at all, Harper's order stands: there is nothing to weigh it by.

Why these tables (symspellpy's): measured on JFLEG dev over the 411 spelling issues Harper
reports, counting first suggestions that a human corrector also wrote. Reordering by word
counts alone adds 15 right first suggestions on the first half of the set and 18 on the
second; with the pair counts for context, 22 and 24. wordfreq's word counts in place of
symspellpy's do no better (16 and 18 alone, 21 and 25 with symspellpy's pairs), have no
pairs of their own, and install 58 MB against 6.5 MB. symspellpy's own lookup index (every
word within two edits) would hold 135 MB and take 2 ms a word; the one-edit neighbours we
need cost 0.15 ms and nothing to hold. In the whole engine, Harper's first spelling
suggestion agreed with a corrector 231 times out of 405; reordered, 279 times.
"""

from __future__ import annotations

import math
import re
import threading
from collections.abc import Sequence
from dataclasses import replace

import harper
from symspellpy.editdistance import DistanceAlgorithm, EditDistance

from addin_server.engines.local import harper as harper_backend
from addin_server.records import Issue
from addin_server.text.word_frequencies import FREQUENCIES, WordFrequencies

SPELLING_RULE = "harper.SpellCheck"
VERDICTS_KEPT = 16_384
# Tuned on the first half of JFLEG dev, confirmed on the second (see QUALITY.md).
BACKOFF = 0.4
DISTANCE_WEIGHT = 4.0
RANK_WEIGHT = 0.5
# The pair table counts a larger corpus than the word table: "of the" / "of" is 13.5 where
# English has P(the | of) of about 0.25, and "would be" / "would" agrees.
PAIR_SCALE = 55.0
SMOOTHING = 10_000
EXTRA_MIN_COUNT = 10_000_000
EXTRA_MARGIN = 3.0  # log units: twenty times likelier
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# Punctuation between two words cuts the context: "word, next" says nothing of "word next".
_BREAK_BEFORE = re.compile(r"[^\s\w'’]\s*$")
_BREAK_AFTER = re.compile(r"^\s*[^\s\w'’]")
# One spelling of a word per dialect: normalised alike, "colour" and "color" are one word.
_DIALECT_FORMS = (
    (re.compile(r"our"), "or"),
    (re.compile(r"is(e|ing|ation|ed|es)"), r"iz\1"),
    (re.compile(r"ys(e|ing|ed|es)"), r"yz\1"),
    (re.compile(r"tre(s?)$"), r"ter\1"),
    (re.compile(r"ogue(s?)$"), r"og\1"),
    (re.compile(r"ence(s?)$"), r"ense\1"),
    (re.compile(r"ll"), "l"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"oe"), "e"),
    (re.compile(r"programme"), "program"),
    (re.compile(r"grey"), "gray"),
    (re.compile(r"judgement"), "judgment"),
)
_distance = EditDistance(DistanceAlgorithm.DAMERAU_OSA)


def rank_spelling(
    text: str,
    issues: Sequence[Issue],
    dialect: harper.Dialect,
    dictionary: frozenset[str] = frozenset(),
    frequencies: WordFrequencies = FREQUENCIES,
) -> list[Issue]:
    """Return ``issues`` with each spelling issue's replacements in order of likelihood."""
    ranker = Ranker(frequencies, dialect, frozenset(word.lower() for word in dictionary))
    ranked = []
    for issue in issues:
        if issue.rule_id == SPELLING_RULE and issue.replacements:
            word = text[issue.span.start : issue.span.end]
            left, right = context(text, issue.span.start, issue.span.end)
            order = ranker.rank(word, issue.replacements, left, right)
            if order != issue.replacements:
                issue = replace(issue, replacements=order)
        ranked.append(issue)
    return ranked


def context(text: str, start: int, end: int) -> tuple[str | None, str | None]:
    """The words right before and after ``[start, end)`` in the same clause, lower case."""
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    left = right = None
    words_before = _WORD.findall(before)
    if words_before and not _BREAK_BEFORE.search(before) and before[-1:].isspace():
        left = words_before[-1].lower().replace("’", "'")
    words_after = _WORD.findall(after)
    if words_after and not _BREAK_AFTER.match(after) and after[:1].isspace():
        right = words_after[0].lower().replace("’", "'")
    return left, right


class Ranker:
    """Scores the suggestions for one misspelt word."""

    def __init__(
        self, frequencies: WordFrequencies, dialect: harper.Dialect, own_words: frozenset[str]
    ) -> None:
        self.frequencies = frequencies
        self.dialect = dialect
        self.own_words = own_words

    def rank(
        self, word: str, suggestions: Sequence[str], left: str | None, right: str | None
    ) -> tuple[str, ...]:
        """The suggestions (and perhaps one better word) in order, best first."""
        if word.isupper() or any(char.isdigit() for char in word):
            return tuple(suggestions)  # initialisms and codes: Harper's order is as good
        if not self._count(suggestions[0].lower()):
            return tuple(suggestions)  # nothing to weigh Harper's first choice against
        scores = {
            suggestion: self.score(word, suggestion, left, right, rank)
            for rank, suggestion in enumerate(suggestions)
        }
        pinned = {s for s in suggestions if self._pinned(word, s)}
        order = sorted(suggestions, key=lambda s: (s not in pinned, -scores[s]))
        if order[0] not in pinned:
            extra = self._better_neighbour(word, scores[order[0]], set(scores), left, right)
            if extra is not None:
                order.insert(0, extra)
        return tuple(order)

    def score(
        self, word: str, suggestion: str, left: str | None, right: str | None, rank: int
    ) -> float:
        """Log-likelihood of ``suggestion`` in context, less the cost of the typo."""
        candidate = suggestion.lower()
        score = self._log_given_left(candidate, left) + self._log_right_given(candidate, right)
        return score - DISTANCE_WEIGHT * edit_distance(word.lower(), candidate) - RANK_WEIGHT * rank

    def _pinned(self, word: str, suggestion: str) -> bool:
        lowered = suggestion.lower()
        if lowered in self.own_words and not self.frequencies.count(lowered):
            return True  # the writer's own term, which the tables cannot score
        if lowered.replace("'", "").replace("’", "").replace(".", "") == word.lower():
            return True  # "dont" -> "don't", "etc" -> "etc."
        return lowered != word.lower() and _dialect_neutral(lowered) == _dialect_neutral(word)

    def _count(self, word: str) -> float:
        count = self.frequencies.count(word)
        if count == 0 and word.endswith("'s"):
            count = self.frequencies.count(word[:-2]) // 50  # a possessive is a rare form
        if count == 0:
            # The table has some words in one dialect's spelling only ("theatre", no
            # "theater"): count the word as its other spelling.
            count = max((self.frequencies.count(v) for v in _other_spellings(word)), default=0)
        return count

    def _log_prior(self, word: str) -> float:
        """log P(word), smoothed so a word the table lacks is rare, not impossible."""
        return math.log((self._count(word) + SMOOTHING) / max(self.frequencies.total, 1))

    def _log_given_left(self, candidate: str, left: str | None) -> float:
        if left is not None:
            pair = self.frequencies.pair(left, candidate)
            if pair:
                return math.log(pair / (PAIR_SCALE * max(self._count(left), 1)))
            return math.log(BACKOFF) + self._log_prior(candidate)
        return self._log_prior(candidate)

    def _log_right_given(self, candidate: str, right: str | None) -> float:
        if right is None:
            return 0.0
        pair = self.frequencies.pair(candidate, right)
        if pair:
            return math.log(pair / (PAIR_SCALE * max(self._count(candidate), 1)))
        return math.log(BACKOFF) + self._log_prior(right)

    def _better_neighbour(
        self, word: str, best: float, known: set[str], left: str | None, right: str | None
    ) -> str | None:
        """A common word one edit from ``word`` that fits far better than Harper's best."""
        if not (word.isalpha() and word.islower() and len(word) >= 4):
            return None
        common = self.frequencies.common_words(EXTRA_MIN_COUNT)
        neighbours = (_one_edit(word) & common) - {k.lower() for k in known}
        scored = sorted(
            ((self.score(word, c, left, right, len(known)), c) for c in neighbours), reverse=True
        )
        for score, candidate in scored:
            if score < best + EXTRA_MARGIN:
                return None
            if DIALECT_WORDS.accepts(self.dialect, candidate):
                return candidate
        return None


def edit_distance(word: str, candidate: str) -> int:
    """Optimal string alignment distance of two words, 4 for anything over 3."""
    distance = _distance.compare(word, candidate, 3)
    return 4 if distance < 0 else distance


def _one_edit(word: str) -> set[str]:
    """Every string one deletion, transposition, substitution or insertion from ``word``."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return (
        {a + b[1:] for a, b in splits if b}
        | {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
        | {a + c + b[1:] for a, b in splits if b for c in _LETTERS}
        | {a + c + b for a, b in splits for c in _LETTERS}
    )


# The same substitutions both ways, one at a time, to find a word's other spellings.
_SPELLING_SWAPS = (
    ("our", "or"),
    ("or", "our"),
    ("ize", "ise"),
    ("ise", "ize"),
    ("yze", "yse"),
    ("yse", "yze"),
    ("er", "re"),
    ("re", "er"),
    ("ll", "l"),
    ("l", "ll"),
    ("og", "ogue"),
    ("ense", "ence"),
)


def _other_spellings(word: str) -> set[str]:
    """Spellings of ``word`` in another dialect, and some non-words (looked up, not shown)."""
    found = set()
    for old, new in _SPELLING_SWAPS:
        start = word.find(old)
        while start >= 0:
            found.add(word[:start] + new + word[start + len(old) :])
            start = word.find(old, start + 1)
    return found


def _dialect_neutral(word: str) -> str:
    neutral = word.lower()
    for pattern, substitute in _DIALECT_FORMS:
        neutral = pattern.sub(substitute, neutral)
    return neutral


class DialectWords:
    """Whether Harper knows a word in a dialect: a spelling-only linter per dialect, and the
    last ``kept`` answers (a server meets new names and typos for ever)."""

    def __init__(self, kept: int = VERDICTS_KEPT) -> None:
        self._lock = threading.Lock()
        self._linters: dict[harper.Dialect, harper.Linter] = {}
        self._verdicts: dict[tuple[harper.Dialect, str], bool] = {}
        self._kept = kept

    def accepts(self, dialect: harper.Dialect, word: str) -> bool:
        """Whether Harper's dictionary for ``dialect`` has ``word``."""
        key = (dialect, word)
        with self._lock:
            if key not in self._verdicts:
                linter = self._linters.get(dialect) or self._new_linter(dialect)
                lints = linter.organized_lints(word, language=harper.Language.PLAINTEXT)
                if len(self._verdicts) >= self._kept:
                    del self._verdicts[next(iter(self._verdicts))]  # the oldest
                self._verdicts[key] = not lints.get(SPELLING_RULE.removeprefix("harper."))
            return self._verdicts[key]

    def _new_linter(self, dialect: harper.Dialect) -> harper.Linter:
        linter = harper.Linter(dialect)
        linter.set_lint_config(
            {name: name == "SpellCheck" for name in harper_backend.default_config()}
        )
        self._linters[dialect] = linter
        return linter


def warm_up() -> None:
    """Load the frequency tables so no request waits for them."""
    FREQUENCIES.warm_up()
    FREQUENCIES.common_words(EXTRA_MIN_COUNT)


DIALECT_WORDS = DialectWords()
