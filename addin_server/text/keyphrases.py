"""Key phrases of a text, by a small statistical extractor (no model, no corpus).

Candidates are runs of one to three content words inside a sentence (stopwords, numbers and
punctuation break a run). A candidate scores by how often its words occur in the text, how
often the phrase itself recurs, whether it appears early, and whether the writer capitalised
it mid-sentence (a name); phrases that share a word with a better one are dropped, so the
result covers different ideas. The order is fully determined by the text: ties go to the
phrase that appears first.

Why not YAKE (``yake`` on PyPI)? Measured on this machine on the same 2,039 words of our
clean-prose corpus, it finds much the same phrases ("nation", "life", "men", "unnecessary"),
but takes 130 ms (this extractor: 11 ms), half a second to import, and pulls in numpy,
networkx, jellyfish and segtok (about 65 MB).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import regex

from addin_server.records import Span
from addin_server.text.protected import ProtectedIndex, protected_spans
from addin_server.text.sentences import sentence_spans

MAX_WORDS = 3
_TOKEN = regex.compile(r"\w+(?:['’-]\w+)*|[^\w\s]")


@cache
def stopwords() -> frozenset[str]:
    """spaCy's English stop words (spaCy parses the text for ideas anyway; imported on first
    use, since importing it takes a second)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


_NOT_A_THING = ("ous", "ful", "ive", "able", "ible", "less", "ary", "ly", "ish", "ed", "est")


@dataclass(frozen=True, slots=True)
class KeyPhrase:
    """A key phrase as the text writes it, its score, and where it first appears."""

    text: str
    score: float
    first_offset: int


# Parts of speech (universal tags) a key phrase may be made of, when tags are known: things
# and their qualities, never verbs ("teams communicate" is not a phrase).
_PHRASE_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_HEAD_POS = frozenset({"NOUN", "PROPN"})


def key_phrases(
    text: str, limit: int = 10, pos: Mapping[int, str] | None = None
) -> list[KeyPhrase]:
    """Return up to ``limit`` key phrases of ``text``, best first.

    ``pos`` maps a word's offset to its universal part of speech, where a tagger has read
    the text: phrases are then runs of adjectives and nouns that end in a noun ("remote
    work", "video calls"), and a multiword phrase scores by the sum of its words, not their
    mean, so it can beat its own head word. Words without a tag are judged as without
    ``pos``.
    """
    candidates = _candidates(text, pos)
    if not candidates:
        return []
    word_counts: Counter[str] = Counter()
    for words, *_ in candidates:
        word_counts.update(words)
    top = max(word_counts.values())
    phrase_counts: Counter[tuple[str, ...]] = Counter()
    first_seen: dict[tuple[str, ...], int] = {}
    surfaces: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    # Mid-sentence occurrences, capitalised or not: a name is always capitalised there.
    capitalised: Counter[tuple[str, ...]] = Counter()
    lowercase: Counter[tuple[str, ...]] = Counter()
    for words, surface, opens_sentence, offset in candidates:
        for size in range(1, min(MAX_WORDS, len(words)) + 1):
            for start in range(len(words) - size + 1):
                gram = words[start : start + size]
                shown = surface[start : start + size]
                phrase_counts[gram] += 1
                first_seen.setdefault(gram, offset)
                if start == 0 and opens_sentence:
                    continue
                surfaces[gram][" ".join(shown)] += 1
                if all(word[:1].isupper() for word in shown):
                    capitalised[gram] += 1
                else:
                    lowercase[gram] += 1
    length = max(len(text), 1)
    scored = []
    for gram, count in phrase_counts.items():
        relevance = sum(word_counts[word] for word in gram) / (top * (1 if pos else len(gram)))
        recurrence = 1.0 + 0.5 * (count - 1)
        is_name = capitalised[gram] > 0 and not lowercase[gram]
        # A phrase whose words rarely occur apart from it is a unit ("local engine"), and so
        # is a name of several words ("White Rabbit"), even if it occurs once.
        cohesion = count / min(word_counts[word] for word in gram) if count > 1 else 0.0
        unit = 1.0 + max(cohesion, 1.0 if is_name else 0.0) * (len(gram) - 1)
        early = 1.25 if first_seen[gram] < length * 0.2 else 1.0
        name = 1.3 if is_name else 1.0
        # The prompts want things to talk about: a phrase ending in an adjective, adverb or
        # past participle ("unnecessary", "dedicated") is rarely one.
        thing = 1.0 if is_name or not gram[-1].endswith(_NOT_A_THING) else 0.35
        score = relevance * recurrence * unit * early * name * thing
        scored.append((score, gram, first_seen[gram]))
    scored.sort(key=lambda item: (-item[0], item[2], item[1]))
    chosen: list[KeyPhrase] = []
    used: set[str] = set()
    for score, gram, offset in scored:
        stems = {_stem(word) for word in gram}
        if used.intersection(stems):
            continue
        used.update(stems)
        is_name = capitalised[gram] > 0 and not lowercase[gram]
        phrase = _surface(surfaces[gram] or Counter({" ".join(gram): 1}), is_name)
        chosen.append(KeyPhrase(phrase, round(score, 6), offset))
        if len(chosen) == limit:
            break
    return chosen


_Run = tuple[tuple[str, ...], tuple[str, ...], bool, int]


def _candidates(text: str, pos: Mapping[int, str] | None = None) -> list[_Run]:
    """Runs of content words: (lowercase words, words as written, whether the run opens its
    sentence, offset of the run)."""
    runs: list[_Run] = []
    pos = pos or {}
    protected = ProtectedIndex(protected_spans(text))
    for sentence in sentence_spans(text):
        words: list[str] = []
        surface: list[str] = []
        tags: list[str | None] = []
        start, opens, first = sentence.start, False, True
        for token in _TOKEN.finditer(text, sentence.start, sentence.end):
            value = token.group()
            key = value.lower().replace("’", "'")
            is_word = value[:1].isalnum()
            tag = pos.get(token.start())
            wanted = tag is None or tag in _PHRASE_POS
            if (
                wanted
                and _is_content(value, key)
                and not protected.touches(Span(token.start(), token.end()))
            ):
                if not words:
                    start, opens = token.start(), first
                words.append(key)
                surface.append(value)
                tags.append(tag)
            elif words:
                runs.extend(_noun_ended(words, surface, tags, opens, start))
                words, surface, tags = [], [], []
            first = first and not is_word
        if words:
            runs.extend(_noun_ended(words, surface, tags, opens, start))
    return runs


def _noun_ended(
    words: list[str], surface: list[str], tags: list[str | None], opens: bool, start: int
) -> list[_Run]:
    """The run without trailing adjectives (where tags say so); none if nothing is left."""
    end = len(words)
    while end and tags[end - 1] is not None and tags[end - 1] not in _HEAD_POS:
        end -= 1
    return [(tuple(words[:end]), tuple(surface[:end]), opens, start)] if end else []


def _stem(word: str) -> str:
    """A crude stem, so "rule" and "rules" count as one idea."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _is_content(value: str, key: str) -> bool:
    # spaCy splits "don't" into "do" + "n't"; our tokens keep it whole, so its first part
    # decides ("don't", "it's", "we'll" are stop words).
    if not value[:1].isalnum() or key.split("'")[0] in stopwords() or len(key) < 2:
        return False
    return not any(char.isdigit() for char in key)


def _surface(forms: Counter[str], is_name: bool) -> str:
    """The phrase as the text writes it most often; lowercase unless it is a name or an
    acronym."""
    shown = sorted(forms.items(), key=lambda item: (-item[1], item[0]))[0][0]
    if is_name:
        return shown
    return " ".join(word if _keeps_case(word) else word.lower() for word in shown.split())


def _keeps_case(word: str) -> bool:
    """Acronyms ("API") and inner capitals ("LanguageTool") keep their case."""
    return sum(1 for char in word if char.isupper()) > 1 or (len(word) > 1 and word.isupper())
