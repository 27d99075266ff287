"""No vulgar or offensive suggestion, unless the writer wrote that word.

A spelling suggestion is the nearest dictionary word, and the nearest word to a name can be
a crude one ("Penwise" -> "Penis"). Every replacement the local engine offers is filtered
through the word list ``better-profanity`` ships and maintains (its
``profanity_wordlist.txt``, read as data: the package's censoring is not used); a word the
writer used in the text is theirs to keep. The default dictionary (``rules/data``) holds
the words every check knows, the product's name first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib.resources import files

import regex

from addin_server.records import Issue
from addin_server.rules.tables import DATA, rows

_WORD = regex.compile(r"\p{L}+")
_BLOCKLIST_PACKAGE = "better_profanity"
_BLOCKLIST_FILE = "profanity_wordlist.txt"


@cache
def blocklist() -> frozenset[str]:
    """The maintained list of vulgar and offensive words, less the ordinary ones."""
    listed = files(_BLOCKLIST_PACKAGE).joinpath(_BLOCKLIST_FILE).read_text(encoding="utf-8")
    ordinary = {cells[0].lower() for cells in rows(DATA / "ordinary_words_in_blocklist.txt")}
    return frozenset(w.strip().lower() for w in listed.splitlines() if w.strip()) - ordinary


@cache
def default_dictionary() -> frozenset[str]:
    """Words every check accepts (the product's name), from ``rules/data``."""
    return frozenset(cells[0] for cells in rows(DATA / "default_dictionary.txt"))


def is_offensive(word: str) -> bool:
    """Whether ``word`` (or its singular or possessive: "penises", "Penis's") is listed."""
    word = word.lower().replace("’", "'").removesuffix("'s")
    listed = blocklist()
    forms = {word, word.removesuffix("s"), word.removesuffix("es")} if len(word) > 3 else {word}
    return any(form in listed for form in forms)


def without_offensive_replacements(text: str, issues: Iterable[Issue]) -> tuple[Issue, ...]:
    """``issues`` with every replacement that holds a listed word the text lacks dropped."""
    written = {word.lower() for word in _WORD.findall(text)}
    kept = []
    for issue in issues:
        clean = tuple(r for r in issue.replacements if not _offends(r, written))
        kept.append(issue if clean == issue.replacements else replace(issue, replacements=clean))
    return tuple(kept)


def _offends(replacement: str, written: set[str]) -> bool:
    return any(
        is_offensive(word) and word.lower() not in written for word in _WORD.findall(replacement)
    )
