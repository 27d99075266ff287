"""Read the rule tables in ``rules/data``: tab-separated lines, ``#`` starts a comment.

A phrase table has up to three columns::

    phrase<TAB>preferred<TAB>guards

* ``preferred`` is the better form; several, best first, are separated by ``|``; ``-``
  means "delete the phrase"; an empty or missing column flags the phrase without a fix.
* ``guards`` (optional) lists, separated by spaces, the neighbouring words that mean the
  phrase is some other use and must not be flagged: ``a_`` is "not after *a*", ``_of`` is
  "not before *of*"; ``+is_`` is "only after *is*" (or another ``+`` word). ("kind of" is a
  hedge in "it is kind of slow", not in "a strange kind of fruit".)
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@dataclass(frozen=True, slots=True)
class Phrase:
    """One table entry: the preferred forms (best first; ``()`` flags only, ``("",)``
    deletes) and the neighbouring words that rule the phrase out."""

    preferred: tuple[str, ...] = ()
    not_after: frozenset[str] = frozenset()
    not_before: frozenset[str] = frozenset()
    only_after: frozenset[str] = frozenset()

    @property
    def deletes(self) -> bool:
        """Whether the fix is to delete the phrase."""
        return self.preferred == ("",)


def rows(path: Path) -> list[list[str]]:
    """The non-empty lines of a table, comments removed, split on tabs."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            found.append([cell.strip() for cell in line.split("\t")])
    return found


def normalise(phrase: str) -> str:
    """The lookup key of a phrase: lowercase, single spaces, straight apostrophes."""
    return " ".join(phrase.lower().replace("’", "'").split())


def parse_phrase(cells: list[str]) -> tuple[str, Phrase]:
    """One phrase-table row as ``(key, entry)``."""
    key = normalise(cells[0])
    preferred_cell = cells[1] if len(cells) > 1 else ""
    if preferred_cell == "-":
        preferred: tuple[str, ...] = ("",)
    else:
        preferred = tuple(part.strip() for part in preferred_cell.split("|") if part.strip())
    guards = cells[2].split() if len(cells) > 2 else []
    only_after = frozenset(normalise(g[1:-1]) for g in guards if g.startswith("+"))
    not_after = frozenset(
        normalise(g[:-1]) for g in guards if g.endswith("_") and not g.startswith("+")
    )
    not_before = frozenset(normalise(g[1:]) for g in guards if g.startswith("_"))
    return key, Phrase(preferred, not_after, not_before, only_after)


@cache
def load_phrases(name: str) -> dict[str, Phrase]:
    """Read the phrase table ``data/<name>``."""
    return dict(parse_phrase(cells) for cells in rows(DATA / name))


@cache
def load_words(name: str) -> frozenset[str]:
    """Read a word list ``data/<name>``: the first column of each line, lowercase."""
    return frozenset(normalise(cells[0]) for cells in rows(DATA / name))
