"""Contractions: expanded for formal text ("don't" -> "do not"), made for casual text.

Expanding is safe word by word, save for "'s" (is/has) and "'d" (would/had), which the next
word decides. Contracting needs care: "it is" contracts before a word ("it's late") but not at
the end of a clause ("I know what it is."), and "I will not" becomes "I won't", not "I'll not".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from addin_server.engines.local.transforms.lexicon import DATA
from addin_server.records import Edit, Span
from addin_server.rules.base import Document, Word
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.irregular_verbs import irregular_participles, irregular_verbs
from addin_server.rules.tables import normalise, rows
from addin_server.text.diff import apply_edits

_PERFECT = frozenset({"been", "got", "gotten", "had", "better"})
# Auxiliaries that contract with "not" themselves: "is not" -> "isn't", never "'s not".
_NOT_FIRST = frozenset({"is", "are", "will", "would", "have", "has", "had"})
_PRONOUNS = frozenset({"it", "he", "she", "they", "you", "we", "i", "this", "that", "him", "her"})
_SUBJECTS = frozenset({"you", "we", "they", "i", "he", "she", "it", "there"})
_WH = frozenset({"what", "who", "where", "how", "when", "why", "there", "here"})


@dataclass(frozen=True, slots=True)
class _Entry:
    contraction: str
    expansions: tuple[str, ...]
    contracts: bool


@cache
def _entries() -> dict[str, _Entry]:
    found = {}
    for cells in rows(DATA / "contractions.tsv"):
        contraction, expansions = normalise(cells[0]), tuple(cells[1].split("|"))
        contracts = not (len(cells) > 2 and cells[2] == "expand")
        found[contraction] = _Entry(contraction, expansions, contracts)
    return found


@cache
def _contracting_pattern() -> tuple[regex.Pattern[str], dict[str, str]]:
    by_expansion = {
        entry.expansions[0].lower(): entry.contraction
        for entry in _entries().values()
        if entry.contracts
    }
    body = "|".join(
        r"\s+".join(map(regex.escape, phrase.split()))
        for phrase in sorted(by_expansion, key=len, reverse=True)
    )
    pattern = regex.compile(rf"(?<![\w'’-])(?:{body})(?![\w'’-])", regex.IGNORECASE)
    return pattern, by_expansion


def expand_contractions(text: str) -> str:
    """Write every contraction out in full, in the case of the original."""
    document = Document(text)
    words = document.words
    edits = []
    for index, word in enumerate(words):
        entry = _entries().get(word.key)
        if entry is None or document.protected.touches(word.span):
            continue
        following = words[index + 1] if index + 1 < len(words) else None
        perfect = following is not None and _is_perfect(entry.contraction, following.key)
        expansion = (
            entry.expansions[1] if perfect and len(entry.expansions) > 1 else entry.expansions[0]
        )
        inverted = following is not None and following.key in _SUBJECTS
        if (
            following
            and entry.contraction.endswith("n't")
            and inverted
            and _only_space(text, word, following)
        ):
            # A question ("don't you think?") keeps its order: "do you not think?".
            auxiliary = "can" if expansion == "cannot" else expansion.removesuffix(" not")
            span = Span(word.span.start, following.span.end)
            phrase = f"{match_case(word.text, auxiliary)} {following.text} not"
            edits.append(Edit(span, phrase.upper() if word.text.isupper() else phrase))
            continue
        edits.append(Edit(word.span, match_case(word.text, expansion)))
    return apply_edits(text, edits)


def _only_space(text: str, first: Word, second: Word) -> bool:
    gap = text[first.span.end : second.span.start]
    return bool(gap) and not gap.strip()


def contract(text: str) -> str:
    """Use the common contractions ("do not" -> "don't", "I am" -> "I'm") where they read
    naturally."""
    pattern, by_expansion = _contracting_pattern()
    apostrophe = "’" if "’" in text and "'" not in text else "'"
    document = Document(text)
    edits: list[Edit] = []
    # Overlapping matches: "we will not" is tried as "we will" (refused before "not") and
    # then as "will not" ("won't").
    for match in pattern.finditer(text, overlapped=True):
        found = match.group()
        key = " ".join(found.lower().split())
        span = Span(match.start(), match.end())
        if edits and span.start < edits[-1].span.end:
            continue
        if not _contracts_here(text, match.end(), key) or document.protected.touches(span):
            continue
        contraction = by_expansion[key].replace("'", apostrophe)
        if contraction.startswith("i" + apostrophe):
            contraction = "I" + contraction[1:]
        edits.append(Edit(span, match_case(found, contraction)))
    return apply_edits(text, edits)


@cache
def _distinct_participles() -> frozenset[str]:
    """Participles that cannot be a base form too ("gone", not "come" or "put")."""
    return irregular_participles() - frozenset(irregular_verbs())


def _is_perfect(contraction: str, following: str) -> bool:
    """Whether "'s"/"'d" stands for "has"/"had" before ``following``."""
    if following in _PERFECT:
        return True
    if not contraction.endswith("'d"):
        return False  # "it's finished" is "it is finished"
    return following in _distinct_participles() or (following.endswith("ed") and len(following) > 4)


_NEXT = regex.compile(r"\s+([\w'’]+)(\s*[.?!]|\s*$)?")


def _contracts_here(text: str, end: int, key: str) -> bool:
    first, _, auxiliary = key.partition(" ")
    if auxiliary == "not" or key == "cannot":
        return True
    following = _NEXT.match(text, end)
    if following is None:
        return False  # end of a clause: "I know what it is."
    word = normalise(following.group(1))
    if auxiliary in _NOT_FIRST and word == "not":
        return False
    if auxiliary in ("have", "has") and not (
        word in _PERFECT or word in irregular_participles() or word.endswith("ed")
    ):
        return False  # "I have a dog" stays
    return not (first in _WH and word in _PRONOUNS and following.group(2) is not None)
