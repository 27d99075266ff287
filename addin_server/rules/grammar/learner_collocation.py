"""grammar.collocation: a verb English does not pair with its object, the pairing carried
over word for word from another language: "open the light" (turn on), "learn knowledge"
(gain), "increase our ability" (improve), "make a photo" (take), "do a mistake" (make),
"eat medicine" (take). The pairs are a table, ``data/learner_collocations.tsv``, with their
sources.

Only where the parse is sure: the noun is the verb's direct object, a common noun that is no
part of a compound ("open the light switch" is another thing), and the verb has no particle
of its own ("close up the lamp"). The fix keeps the verb's form ("opened" becomes "turned
on").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger
from addin_server.rules.tables import DATA, rows

TABLE = "learner_collocations.tsv"
_VERB_TAGS = frozenset(("VB", "VBD", "VBG", "VBN", "VBP", "VBZ"))
_POSSESSIVE = frozenset(("poss",))


@dataclass(frozen=True, slots=True)
class Pairing:
    """The nouns a verb is wrongly used with, the verbs English uses, and whether the noun
    must have a possessive of its own."""

    nouns: frozenset[str]
    verbs: tuple[str, ...]
    own: bool


@cache
def pairings() -> dict[str, Pairing]:
    """The table by the wrong verb's dictionary form."""
    found = {}
    for cells in rows(DATA / TABLE):
        nouns = cells[1].split()
        verbs = tuple(verb.strip() for verb in cells[2].split("|"))
        own = "+own" in nouns
        found[cells[0]] = Pairing(frozenset(n for n in nouns if n != "+own"), verbs, own)
    return found


def _forms(lemma: str) -> str:
    """A pattern for every form of ``lemma`` ("open", "opens", "opened", "opening")."""
    forms = {lemma} | {inflection.inflection(lemma, tag) or lemma for tag in _VERB_TAGS}
    return "|".join(sorted(forms, key=lambda form: (-len(form), form)))


def _nouns(words: frozenset[str]) -> str:
    return "|".join(sorted(words | {inflection.inflection(w, "NNS") or w for w in words}))


TRIGGER = trigger(
    "|".join(
        rf"\b(?:{_forms(verb)})\b\W+(?:\w+\W+){{0,3}}?(?:{_nouns(pairing.nouns)})\b"
        for verb, pairing in pairings().items()
    )
)


def _inflected(verb: Token, replacement: str) -> str:
    """``replacement`` (a verb and any particle) in the form of ``verb``."""
    first, _, rest = replacement.partition(" ")
    form = first if verb.tag in ("VB", "VBP") else inflection.inflection(first, verb.tag)
    return match_case(verb.text, form or first) + (" " + rest if rest else "")


def _object(parse: Parse, verb: Token, pairing: Pairing) -> Token | None:
    """The verb's direct object, where it is one of the pairing's nouns."""
    for noun in parse.children(verb.i):
        if noun.dep != "dobj" or noun.tag not in ("NN", "NNS") or noun.text.istitle():
            continue
        if inflection.lemma(noun.lower, "NOUN") not in pairing.nouns:
            continue
        children = parse.children(noun.i)
        after = parse.next(noun.i)
        if any(c.dep == "compound" for c in children) or (
            after is not None and after.tag in ("NN", "NNS")
        ):
            return None  # "the light switch", "the TV remote"
        if pairing.own and not any(c.dep in _POSSESSIVE for c in children):
            return None
        if pairing.own and any(c.dep in ("prep", "acl", "relcl") for c in children):
            return None  # "their ability to compete": English says it so
        return noun
    return None


def check(parse: Parse) -> Iterator[Finding]:
    """Flag a verb English does not use with its object, offering the one it does."""
    table = pairings()
    for verb in parse.tokens:
        if verb.tag not in _VERB_TAGS or verb.dep in ("aux", "auxpass", "amod"):
            continue
        pairing = table.get(inflection.lemma(verb.lower, "VERB"))
        if pairing is None or any(c.dep == "prt" for c in parse.children(verb.i)):
            continue
        noun = _object(parse, verb, pairing)
        if noun is None:
            continue
        fixes = tuple(_inflected(verb, replacement) for replacement in pairing.verbs)
        said = message("grammar.collocation", noun=noun.text, verb=pairing.verbs[0], fixed=fixes[0])
        yield Finding(verb.start, verb.end, said, fixes)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.collocation",
        description="A verb English does not use with this noun (“open the light”).",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("Please open the light.", "Please turn on the light."),
            bad("She closed the TV and went to bed.", "She turned off the TV and went to bed."),
            bad("We learn knowledge at school.", "We gain knowledge at school."),
            bad("Reading can increase our ability.", "Reading can improve our ability."),
            bad("Can you make a photo of us?", "Can you take a photo of us?"),
            bad("Everyone does mistakes.", "Everyone makes mistakes."),
            bad("He eats medicine every day.", "He takes medicine every day."),
            good("Please turn on the light."),
            good("Open the door."),
            good("She opened the light switch panel."),
            good("Exercise can increase the ability of the heart to pump blood."),
            good("They want to increase their ability to compete."),
            good("We learn English at school."),
            good("He made a photo album."),
            good("Do your homework."),
        ),
    ),
    TRIGGER,
    check,
)
