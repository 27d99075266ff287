"""JFLEG's tokenisation, undone for the checker and redone for the scorer.

JFLEG's sentences are tokenised Penn-Treebank style: spaces around punctuation, clitics split
off (``do n't``, ``it 's``). A checker must see ordinary text (``don't``, ``word.``), or its
spacing rules drown everything else; its output is then tokenised the same way again, so an
unedited sentence comes back exactly as it went in.
"""

from __future__ import annotations

import re

# Tokens that attach to the word before them, and those that attach to the word after.
_CLOSING = frozenset(". , ; : ! ? ) ] } % ... n't 's 'm 're 've 'll 'd 'S N'T".split())
_OPENING = frozenset("( [ { $ #".split())
_QUOTES = frozenset(['"', "''", "``"])

# Abbreviations JFLEG keeps whole ("Mr.", "etc."), and HTML entities left in its text.
_ABBREVIATIONS = frozenset("mr. mrs. ms. dr. etc. e.g. i.e. vs. st.".split())
_ENTITY = re.compile(r"^&\w+;$")
_CLITIC = re.compile(r"(?i)(n't|'s|'m|'re|'ve|'ll|'d)$")
_EDGE_PUNCT = re.compile(r"^([(\[{\"$#]+)|([.,;:!?)\]}\"%]+)$")


def detokenize(tokenised: str) -> str:
    """Join JFLEG tokens into plain text: ``do n't go .`` -> ``don't go.``."""
    text = ""
    glue_next = False
    open_quote = False
    for token in tokenised.split():
        attach = token in _CLOSING or (token in _QUOTES and open_quote)
        if text and not attach and not glue_next:
            text += " "
        text += '"' if token in _QUOTES else token
        glue_next = token in _OPENING
        if token in _QUOTES:
            glue_next = not open_quote
            open_quote = not open_quote
    return text


def tokenize(text: str) -> list[str]:
    """Split plain text into JFLEG-style tokens: ``don't go.`` -> ``do n't go .``."""
    tokens: list[str] = []
    chunks = text.split()
    for number, chunk in enumerate(chunks):
        tokens.extend(_split_chunk(chunk, last=number == len(chunks) - 1))
    return tokens


def _split_chunk(chunk: str, last: bool) -> list[str]:
    before: list[str] = []
    after: list[str] = []
    while chunk and not _ENTITY.match(chunk):
        # A sentence-final abbreviation's dot doubles as the full stop ("fees, etc.").
        if chunk.lower() in _ABBREVIATIONS and (after or not last):
            break
        match = _EDGE_PUNCT.search(chunk)
        if not match or (match.group() == chunk and len(chunk) == 1):
            break
        if match.group(1):
            before.append(match.group(1)[0])
            chunk = chunk[1:]
        else:
            tail = match.group(2)
            # "..." stays one token; other marks split one at a time from the end.
            piece = "..." if tail.endswith("...") else tail[-1]
            after.insert(0, piece)
            chunk = chunk[: -len(piece)]
    middle = []
    clitic = _CLITIC.search(chunk) if chunk not in _CLOSING else None
    if clitic and clitic.start() > 0:
        middle = [chunk[: clitic.start()], clitic.group()]
    elif chunk:
        middle = [chunk]
    return before + middle + after
