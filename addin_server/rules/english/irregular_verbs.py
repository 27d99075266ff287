"""The verbs whose past forms are irregular, read from ``data/irregular_verbs.tsv``.

Word forms themselves come from lemminflect (:mod:`.inflection`); this list answers a
different question: is a word an irregular past participle ("written", "taken", "built"),
which the passive-voice rule and the contraction transforms ask without a parse.
"""

from __future__ import annotations

from functools import cache

from addin_server.rules.tables import DATA


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
