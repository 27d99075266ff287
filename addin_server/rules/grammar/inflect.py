"""Word forms from lemminflect's tables: lemmas, inflections, and case that follows the text.

lemminflect is a lookup table (plus rules for unknown words) built for exactly this, about
16 µs a call; it loads in about 0.9 s, so it is imported on first use (or in the warm-up).
"""

from __future__ import annotations

import threading
from functools import cache
from types import ModuleType

_lock = threading.Lock()
_module: ModuleType | None = None


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


@cache
def lemma(word: str, upos: str = "VERB") -> str:
    """The dictionary form of ``word`` as ``upos`` (``VERB``, ``NOUN``, ``AUX``...)."""
    found = _lemminflect().getLemma(word.lower(), upos=upos)
    return found[0] if found else word.lower()


@cache
def inflection(lemma_form: str, tag: str) -> str | None:
    """``lemma_form`` inflected for the Penn tag ``tag`` (``VBZ``, ``VBN``, ``NNS``...)."""
    found = _lemminflect().getInflection(lemma_form.lower(), tag=tag)
    return found[0] if found else None


@cache
def is_known(word: str, upos: str) -> bool:
    """Whether lemminflect's dictionary knows ``word`` as ``upos`` (not guessed by rule)."""
    return bool(_lemminflect().getLemma(word.lower(), upos=upos, lemmatize_oov=False))


def same_case(original: str, replacement: str, *, sentence_start: bool = False) -> str:
    """Give ``replacement`` the capitalisation of ``original``; "I" counts as lower case
    except at the start of a sentence, so "I" -> "me" stays lower mid-sentence."""
    if original.isupper() and len(original) > 1:
        return replacement.upper()
    if original[:1].isupper() and (original != "I" or sentence_start):
        return replacement[:1].upper() + replacement[1:]
    if replacement == "i" or replacement.startswith("i'"):
        return "I" + replacement[1:]
    return replacement
