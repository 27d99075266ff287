"""English verb forms, enough to turn "made a decision" into "decided".

Regular verbs follow spelling rules ("decide" -> "decided", "plan" -> "planned", "study" ->
"studied"); the others come from ``data/irregular_verbs.tsv``, which the passive-voice rule
also reads for its past participles.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from addin_server.rules.kinds import DATA

_VOWELS = "aeiou"
# Irregular verbs that double their last consonant before "-ing" ("beginning", "quitting").
_IRREGULAR_DOUBLING = frozenset({"begin", "forget", "forbid", "upset", "quit", "spin", "swim"})


class Form(StrEnum):
    """Which form of a verb a text uses."""

    BASE = "base"  # decide
    THIRD = "third"  # decides
    PAST = "past"  # decided
    PARTICIPLE = "participle"  # (has) decided
    GERUND = "gerund"  # deciding


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
        return getattr(self, form.value)

    def forms_of(self, word: str) -> list[Form]:
        """Which forms ``word`` can be (``come`` is both base and participle)."""
        return [form for form in Form if self.get(form) == word]


@cache
def irregular_verbs() -> dict[str, tuple[str, str]]:
    """Irregular verbs: base form to (past, past participle)."""
    table: dict[str, tuple[str, str]] = {}
    for line in (DATA / "irregular_verbs.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            base, past, participle = line.split("\t")
            table[base] = (past, participle)
    return table


@cache
def irregular_participles() -> frozenset[str]:
    """Past participles of the irregular verbs ("written", "taken", "built")."""
    return frozenset(participle for _, participle in irregular_verbs().values())


def verb_forms(base: str) -> VerbForms:
    """All forms of the verb ``base`` (lowercase)."""
    past, participle = irregular_verbs().get(base) or (_regular_past(base),) * 2
    return VerbForms(base, _third_person(base), past, participle, _gerund(base, past))


def _doubles_final_consonant(verb: str) -> bool:
    # One short vowel before one final consonant, as in "stop" and "plan" (not "help", "rain").
    if len(verb) < 3 or verb[-1] in _VOWELS + "wxy":
        return False
    return (
        verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
        and sum(1 for char in verb if char in _VOWELS) == 1
    )


def _third_person(verb: str) -> str:
    if verb in ("be", "have"):
        return {"be": "is", "have": "has"}[verb]
    if verb.endswith(("s", "x", "z", "ch", "sh", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ies"
    return verb + "s"


def _regular_past(verb: str) -> str:
    if verb.endswith("e"):
        return verb + "d"
    if verb.endswith("y") and verb[-2:-1] not in _VOWELS:
        return verb[:-1] + "ied"
    if _doubles_final_consonant(verb):
        return verb + verb[-1] + "ed"
    return verb + "ed"


def _gerund(verb: str, past: str) -> str:
    if verb.endswith("ie"):
        return verb[:-2] + "ying"
    doubled = past == verb + verb[-1:] + "ed" or verb in _IRREGULAR_DOUBLING
    if doubled or _doubles_final_consonant(verb):
        return verb + verb[-1] + "ing"
    if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) and verb != "be":
        return verb[:-1] + "ing"
    return verb + "ing"
