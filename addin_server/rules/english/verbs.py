"""Finding the verb after a word that wants the base form ("to", "can", "used to")."""

from __future__ import annotations

from addin_server.rules.english import inflection
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.english.words import BE_FORMS, is_noun

_SKIPPABLE = frozenset("not never always also just really still even only ever".split())


def verb_after(parse: Parse, index: int) -> Token | None:
    """The first token after ``index`` that is not an adverb like "not" or "always"."""
    token = parse.next(index)
    while token is not None and (token.lower in _SKIPPABLE or token.lower == "n't"):
        token = parse.next(token.i)
    return token


def wrong_form_base(parse: Parse, verb: Token) -> str | None:
    """The base form, if ``verb`` is a past or third-person form where a base form belongs."""
    # The tagger reads "to went" as a base form, so judge by the word, not by its tag.
    word = verb.lower
    if not verb.tag.startswith("VB") or verb.tag == "VBG" or word in BE_FORMS:
        return None
    if word in ("has", "had") or not inflection.is_known(word, "VERB"):
        return None
    base = inflection.lemma(word, "VERB")
    if base == word or word.endswith("ing"):
        return None
    if word.endswith("s"):
        return base  # the tagger called it a verb, not a plural ("to works of art")
    if inflection.is_known(word, "NOUN") or inflection.is_known(word, "ADJ"):
        return None  # "to tired people", "to left"
    following = parse.next(verb.i)
    if following is not None and (is_noun(following) or following.tag == "VBG"):
        return None  # "prior to painted walls": a participle used as an adjective
    return base
