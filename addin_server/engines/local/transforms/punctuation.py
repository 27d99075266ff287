"""Exclamations for formal text: no runs ("Great!!!" -> "Great!"), or none at all."""

from __future__ import annotations

import regex

_RUN = regex.compile(r"(?<=\S)[!?]{2,}")
_SINGLE = regex.compile(r"(?<=\w[\"'”’)]?)!(?=[\"'”’)]?(?:\s|$))")


def calm_exclamations(text: str) -> str:
    """Collapse runs of "!" and "?" to one mark ("?" wins: "Really?!" -> "Really?")."""
    return _RUN.sub(lambda match: "?" if "?" in match.group() else "!", text)


def no_exclamations(text: str) -> str:
    """Collapse runs, then end exclamations with a full stop ("Thank you!" -> "Thank you.")."""
    return _SINGLE.sub(".", calm_exclamations(text))
