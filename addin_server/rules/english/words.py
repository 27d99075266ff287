"""Word classes the grammar rules share: verb forms by role, punctuation, clause starters."""

from __future__ import annotations

from addin_server.rules.english.nlp import Token

BE_FORMS = frozenset("be am is are was were been being 's 're 'm".split())
COPULAR = BE_FORMS | frozenset(
    "seem seems seemed look looks looked feel feels felt get gets got become becomes became "
    "sound sounds sounded appear appears appeared".split()
)
MODALS = frozenset("can could will would shall should may might must 'll 'd".split())
SUBJECT_PRONOUNS = frozenset("i you he she it we they".split())


def is_punct(token: Token | None) -> bool:
    """Whether the token is punctuation (or there is no token: the sentence ended)."""
    return token is None or token.pos == "PUNCT" or not any(c.isalnum() for c in token.text)


def is_noun(token: Token | None) -> bool:
    """Whether the token is a common or proper noun."""
    return token is not None and token.tag in ("NN", "NNS", "NNP", "NNPS")
