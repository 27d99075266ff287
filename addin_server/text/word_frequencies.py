"""How common an English word is, and a pair of words: the tables the spelling ranker reads.

The tables are the ones ``symspellpy`` ships (``frequency_dictionary_en_82_765.txt``: 82,765
words with counts from Google Books n-grams, British and American spellings alike;
``frequency_bigramdictionary_en_243_342.txt``: the 243,342 most frequent word pairs), so they
work offline. The pairs are kept as one sorted array of packed word numbers (about 4 MB) rather
than a dict of strings (about 35 MB): a lookup is a binary search, a few microseconds. Loading
takes about 0.25 s, once (whole files split at once and the pairs packed and sorted by
numpy; line by line in Python it took 1.2 s, most of the command line's start-up).
"""

from __future__ import annotations

import threading
from array import array
from bisect import bisect_left
from importlib.resources import files

import numpy as np

UNIGRAM_FILE = "frequency_dictionary_en_82_765.txt"
BIGRAM_FILE = "frequency_bigramdictionary_en_243_342.txt"
_WORD_BITS = 17  # 2**17 > 82,765 words: a pair packs into one 34-bit number


class WordFrequencies:
    """Counts of words and of word pairs (lower case), loaded on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] | None = None
        self._numbers: dict[str, int] = {}
        self._pair_keys = array("q")
        self._pair_counts = array("q")
        self.total = 0
        self._common: dict[int, frozenset[str]] = {}

    def count(self, word: str) -> int:
        """How often ``word`` occurs (0 for a word the table lacks)."""
        return self._loaded().get(word, 0)

    def pair(self, first: str, second: str) -> int:
        """How often ``second`` follows ``first`` (0 below the table's cut-off)."""
        self._loaded()
        a, b = self._numbers.get(first), self._numbers.get(second)
        if a is None or b is None:
            return 0
        key = (a << _WORD_BITS) | b
        index = bisect_left(self._pair_keys, key)
        if index < len(self._pair_keys) and self._pair_keys[index] == key:
            return self._pair_counts[index]
        return 0

    def common_words(self, min_count: int) -> frozenset[str]:
        """The words counted at least ``min_count`` times (made once per threshold)."""
        cached = self._common.get(min_count)
        if cached is None:
            cached = frozenset(w for w, count in self._loaded().items() if count >= min_count)
            self._common[min_count] = cached
        return cached

    def warm_up(self) -> None:
        """Load the tables now rather than on the first lookup (under a second)."""
        self._loaded()

    def _loaded(self) -> dict[str, int]:
        if self._counts is None:
            with self._lock:
                if self._counts is None:
                    self._load()
        assert self._counts is not None
        return self._counts

    def _load(self) -> None:
        data = files("symspellpy")
        fields = (data / UNIGRAM_FILE).read_text(encoding="utf-8").split()
        counts = dict(zip(fields[0::2], map(int, fields[1::2]), strict=True))
        numbers = {word: number for number, word in enumerate(counts)}
        fields = (data / BIGRAM_FILE).read_text(encoding="utf-8").split()
        first = np.array([numbers.get(word, -1) for word in fields[0::3]], dtype=np.int64)
        second = np.array([numbers.get(word, -1) for word in fields[1::3]], dtype=np.int64)
        pair_counts = np.array(fields[2::3], dtype=np.int64)
        known = (first >= 0) & (second >= 0)
        keys = (first[known] << _WORD_BITS) | second[known]
        pair_counts = pair_counts[known]
        order = np.lexsort((pair_counts, keys))  # by pair, then count, as sorted tuples were
        self.total = sum(counts.values())
        self._numbers = numbers
        self._pair_keys = array("q", keys[order].tobytes())
        self._pair_counts = array("q", pair_counts[order].tobytes())
        self._counts = counts  # last: other threads test it without the lock


FREQUENCIES = WordFrequencies()
