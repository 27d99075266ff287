"""Word forms from lemminflect's tables: lemmas, inflections, and every form of a verb.

lemminflect is a lookup table (plus rules for unknown words) built for exactly this, about
16 µs a call; it loads in about 0.9 s, so it is imported on first use (or in the warm-up).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from types import ModuleType

_lock = threading.Lock()
_module: ModuleType | None = None
# Answers kept per function: a server sees new words for ever, and an unbounded cache
# would grow with every one (a few hundred bytes each; about 10 MB at most in all).
_KEPT = 1 << 14


def _lemminflect() -> ModuleType:
    global _module
    if _module is None:
        with _lock:
            if _module is None:
                import lemminflect

                _module = lemminflect
    return _module


def warm_up() -> None:
    """Load both tables now (each takes about 0.4 s on first use)."""
    inflection("be", "VBZ")
    lemma("went")


@lru_cache(maxsize=_KEPT)
def lemma(word: str, upos: str = "VERB") -> str:
    """The dictionary form of ``word`` as ``upos`` (``VERB``, ``NOUN``, ``AUX``...)."""
    found = _lemminflect().getLemma(word.lower(), upos=upos)
    return found[0] if found else word.lower()


@lru_cache(maxsize=_KEPT)
def inflection(lemma_form: str, tag: str) -> str | None:
    """``lemma_form`` inflected for the Penn tag ``tag`` (``VBZ``, ``VBN``, ``NNS``...)."""
    found = _lemminflect().getInflection(lemma_form.lower(), tag=tag)
    return found[0] if found else None


@lru_cache(maxsize=_KEPT)
def is_known(word: str, upos: str) -> bool:
    """Whether lemminflect's dictionary knows ``word`` as ``upos`` (not guessed by rule)."""
    return bool(_lemminflect().getLemma(word.lower(), upos=upos, lemmatize_oov=False))


class Form(StrEnum):
    """Which form of a verb a text uses, and its Penn tag."""

    BASE = "VB"  # decide
    THIRD = "VBZ"  # decides
    PAST = "VBD"  # decided
    PARTICIPLE = "VBN"  # (has) decided
    GERUND = "VBG"  # deciding


@dataclass(frozen=True, slots=True)
class VerbForms:
    """Every form of one verb."""

    base: str
    third: str
    past: str
    participle: str
    gerund: str

    def get(self, form: Form) -> str:
        """The verb in ``form``."""
        forms = {
            Form.BASE: self.base,
            Form.THIRD: self.third,
            Form.PAST: self.past,
            Form.PARTICIPLE: self.participle,
            Form.GERUND: self.gerund,
        }
        return forms[form]

    def forms_of(self, word: str) -> list[Form]:
        """Which forms ``word`` can be (``come`` is both base and participle)."""
        return [form for form in Form if self.get(form) == word]


@lru_cache(maxsize=_KEPT)
def verb_forms(base: str) -> VerbForms:
    """All forms of the verb ``base`` (lowercase), lemminflect's first choice for each."""
    third, past, participle, gerund = (
        inflection(base, form) or base
        for form in (Form.THIRD, Form.PAST, Form.PARTICIPLE, Form.GERUND)
    )
    return VerbForms(base, third, past, participle, gerund)
