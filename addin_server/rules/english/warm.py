"""Load what the grammar rules need (spaCy's pipeline, lemminflect's tables) ahead of time."""

from __future__ import annotations

from addin_server.rules.english import inflection
from addin_server.rules.english.nlp import PARSER


def warm_up() -> None:
    """Load the parser and the inflection tables (about 2 s) so no request waits for them."""
    PARSER.warm_up()
    inflection.warm_up()
