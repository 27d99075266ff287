"""Varied English prose for the speed benchmarks: a new text on every call.

Paragraphs of the standard library's docstrings (edited technical prose), each followed now
and then by a few of JFLEG's learner sentences (errors everywhere), a misspelling or an emoji,
shuffled anew for every text. Harper remembers texts it has linted, so a benchmark that sent
the same text twice in a row would time that memory, not a check.
"""

from __future__ import annotations

import ast
import random
import re
import sysconfig
import textwrap
from collections.abc import Iterator
from functools import cache
from itertools import chain
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JFLEG_SOURCES = (ROOT / ".." / "shared" / "eval" / "jfleg-dev" / "dev.src").resolve()


def docstring_paragraphs_by_file(endings: tuple[str, ...] = (".", "!", "?")) -> Iterator[list[str]]:
    """Prose paragraphs of the standard library's docstrings, read with ``ast`` (nothing is
    imported), a list per file in file order: lines joined, code examples and short fragments
    left out."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(stdlib.rglob("*.py")):
        if "test" in path.parts or "idlelib" in path.parts:
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        found = []
        for node in ast.walk(tree):
            if not isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef):
                continue
            for block in re.split(r"\n\s*\n", textwrap.dedent(ast.get_docstring(node) or "")):
                lines = block.strip().splitlines()
                if len(lines) < 2 or any(line.startswith((" ", ">>>", "$")) for line in lines):
                    continue
                paragraph = " ".join(line.strip() for line in lines)
                if paragraph.count(" ") >= 12 and paragraph.endswith(endings):
                    found.append(paragraph)
        yield found


def docstring_paragraphs(endings: tuple[str, ...] = (".", "!", "?")) -> Iterator[str]:
    """The paragraphs of :func:`docstring_paragraphs_by_file`, one after another."""
    return chain.from_iterable(docstring_paragraphs_by_file(endings))


@cache
def stdlib_paragraphs() -> tuple[str, ...]:
    """The prose paragraphs of the standard library's first files, 4,000 or a few more."""
    paragraphs: list[str] = []
    for found in docstring_paragraphs_by_file():
        paragraphs += found
        if len(paragraphs) >= 4_000:
            break
    return tuple(paragraphs)


@cache
def learner_sentences() -> tuple[str, ...]:
    """JFLEG's learner sentences, detokenised roughly; none when the set is absent."""
    if not JFLEG_SOURCES.exists():
        return ()
    lines = JFLEG_SOURCES.read_text(encoding="utf-8").splitlines()
    untokenised = (re.sub(r" ([.,;:!?'])|(\w) n't", r"\1\2n't", line).strip() for line in lines)
    return tuple(line for line in untokenised if line)


class VariedProse:
    """Texts of about ``words`` words in paragraphs; every call gives a new one."""

    def __init__(self, words: int, seed: int = 0) -> None:
        self.words = words
        self.rng = random.Random(seed)
        self.made = 0

    def __call__(self) -> str:
        """A text no earlier call gave."""
        self.made += 1
        return "\n\n".join(self.paragraphs())

    def paragraphs(self) -> list[str]:
        """The paragraphs of a new text."""
        rng, source, learners = self.rng, stdlib_paragraphs(), learner_sentences()
        paragraphs: list[str] = []
        count = 0
        while count < self.words:
            paragraph = rng.choice(source)
            if learners and rng.random() < 0.5:
                paragraph += " " + " ".join(rng.sample(learners, 2))
            if rng.random() < 0.2:
                paragraph = paragraph.replace(" the ", " teh ", 1) + " 👍🏽"
            words = paragraph.split()
            if count + len(words) > self.words:  # end on the size asked for
                words = words[: max(self.words - count, 1)]
                paragraph = " ".join(words).rstrip(".,;:") + "."
            paragraphs.append(paragraph)
            count += len(words)
        return paragraphs


# Chat shorthand, misspellings and repeated openings: what an error-dense draft is made of
# beside learner sentences (each a spelling or style issue of its own).
SHORTHAND = ("u", "btw", "pls", "thx", "r", "ur")


class DocstringProse:
    """Texts of about ``words`` words of the standard library's paragraphs (edited prose):
    clean as they are, or with ``fault_every`` set, error-dense: every ``fault_every``-th
    word misspelt or made chat shorthand, and now and then three sentences in a row that
    open alike."""

    def __init__(self, words: int, seed: int = 0, fault_every: int | None = None) -> None:
        self.words = words
        self.fault_every = fault_every
        self.rng = random.Random(seed)

    def __call__(self) -> str:
        """A text no earlier call gave."""
        return "\n\n".join(self.paragraphs())

    def paragraphs(self) -> list[str]:
        """The paragraphs of a new text."""
        rng, source, every = self.rng, stdlib_paragraphs(), self.fault_every
        paragraphs: list[str] = []
        count = 0
        while count < self.words:
            paragraph = rng.choice(source)
            if every and rng.random() < 0.3:
                opening = rng.choice(("We", "It", "This"))
                paragraph += f" {opening} met. {opening} talked. {opening} left."
            words = paragraph.split()[: max(self.words - count, 1)]
            for index in range(rng.randrange(every), len(words), every) if every else ():
                words[index] = _faulty(words[index], rng)
            paragraphs.append(" ".join(words))
            count += len(words)
        return paragraphs


def _faulty(word: str, rng: random.Random) -> str:
    """``word`` misspelt (two inner letters swapped), or chat shorthand."""
    if rng.random() < 0.15:
        return rng.choice(SHORTHAND)
    if len(word) < 4 or not word.isalpha():
        return word + word[-1:] if word.isalpha() else word
    inner = rng.randrange(1, len(word) - 2)
    return word[:inner] + word[inner + 1] + word[inner] + word[inner + 2 :]
