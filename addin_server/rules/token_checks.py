"""Checks that read one token at a time with its neighbours, as the homophone rules do.

A rule names the words it tells apart and a decision; :func:`each_token` walks the parse,
and hands the decision each of those tokens with the ones on either side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding


@dataclass(frozen=True, slots=True)
class Around:
    """A token of a parsed sentence with the tokens on either side: what a rule that tells
    one word from another (the homophones) reads."""

    parse: Parse
    token: Token
    before: Token | None
    after: Token | None


def each_token(
    words: Iterable[str], decide: Callable[[Around], Finding | None]
) -> Callable[[Parse], Iterator[Finding]]:
    """A check that asks ``decide`` about each token that is one of ``words`` (lower case),
    with its neighbours, and yields what it finds."""
    wanted = frozenset(words)

    def check(parse: Parse) -> Iterator[Finding]:
        for token in parse.tokens:
            if token.lower in wanted:
                around = Around(parse, token, parse.previous(token.i), parse.next(token.i))
                found = decide(around)
                if found is not None:
                    yield found

    return check
