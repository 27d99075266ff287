"""grammar.preposition.fixed: a word with the wrong preposition, or one it does not take
("married with a doctor", "it depends of the weather", "entered into the room", "trust on
it", "listen music"); the table is ``rules/data/fixed_prepositions.tsv``.

By the parse: the preposition hangs on the word (lemma) and has its own object; a condition
in the table guards the uses that are right ("married with two children", "enter into an
agreement"). "listen" with a direct object gets its "to". Phrases that need no parse ("in
my opinion") are in ``learner_idioms.tsv``; Harper already has "discuss about" and
"interested about".
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse, Token
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger
from addin_server.rules.tables import DATA, rows

TABLE = "fixed_prepositions.tsv"
_PLACES = frozenset(
    """room house home building class classroom office hall school car bus train shop store
    kitchen city country university church restaurant hotel bank station library garden
    park""".split()
)


@cache
def _table() -> dict[tuple[str, str], tuple[str, str]]:
    """(lemma, wrong preposition) -> (right preposition or "", condition)."""
    table = {}
    for cells in rows(DATA / TABLE):
        word, prep = cells[0].split()
        table[(word, prep)] = (
            "" if cells[1] == "-" else cells[1],
            cells[2] if len(cells) > 2 else "",
        )
    return table


def _trigger() -> str:
    # The stem finds every form: "marr" for "marry", "married"; "emphasi" for "emphasise".
    pairs = sorted({f"{word.rstrip('ey')}\\w*\\s+(?:\\w+\\s+)?{prep}" for word, prep in _table()})
    return r"\b(?:" + "|".join(pairs) + r")\b|\blisten(?:s|ed|ing)?\s+(?!to\b)\w"


TRIGGER = trigger(_trigger())


def _lemma(token: Token) -> str:
    """The verb's lemma, also for a participle the tagger calls an adjective ("married")."""
    if token.tag.startswith("VB") or (token.tag == "JJ" and token.lower.endswith("ed")):
        return inflection.lemma(token.lower, "VERB")
    return token.lower


def _holds(condition: str, parse: Parse, object_: Token) -> bool:
    if condition == "place":
        return object_.lower in _PLACES
    if condition == "one":
        return object_.tag in ("NN", "NNP") or object_.lower in ("him", "her", "me")
    if condition == "pronoun":
        return object_.tag == "PRP"
    return True


def _listen_to(parse: Parse, verb: Token) -> Finding | None:
    """ "listen music": "listen" takes its object through "to"."""
    objects = [c for c in parse.children(verb.i) if c.dep == "dobj" and c.i > verb.i]
    if not objects or not (verb.i + 1 <= objects[0].i <= verb.i + 3):
        return None
    said = message("grammar.preposition.fixed.listen_to", verb=verb.text)
    return Finding(verb.start, verb.end, said, (verb.text + " to",))


def check(parse: Parse) -> Iterator[Finding]:
    """Flag prepositions the word before them does not take."""
    table = _table()
    for prep in parse.tokens:
        if prep.dep == "dobj" and parse.tokens[prep.head].lower.startswith("listen"):
            head = parse.tokens[prep.head]
            if head.tag.startswith("VB") and _lemma(head) == "listen" and head.i < prep.i:
                found = _listen_to(parse, head)
                if found:
                    yield found
            continue
        if prep.dep not in ("prep", "dative", "prt") or prep.head == prep.i:
            continue
        head = parse.tokens[prep.head]
        entry = table.get((_lemma(head), prep.lower))
        objects = [c for c in parse.children(prep.i) if c.dep == "pobj"]
        if entry is None or not objects or not _holds(entry[1], parse, objects[0]):
            continue
        right = entry[0]
        if right:
            fixed = match_case(prep.text, right)
            said = message(
                "grammar.preposition.fixed", word=head.text, fixed=fixed, found=prep.text
            )
            yield Finding(prep.start, prep.end, said, (fixed,))
        else:
            nxt = parse.next(prep.i)
            end = nxt.start if nxt is not None else prep.end
            said = message("grammar.preposition.fixed.none", word=head.text, found=prep.text)
            yield Finding(prep.start, end, said, ("",))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.preposition.fixed",
        description="A preposition the word before it does not take (“depends of”).",
        category=Category.CORRECTNESS,
        kind="word_choice",
        severity=Severity.WARNING,
        examples=(
            bad("She is married with a doctor.", "She is married to a doctor."),
            bad("It depends of the weather.", "It depends on the weather."),
            bad("He entered into the room.", "He entered the room."),
            bad("You can trust on it.", "You can trust it."),
            bad("I found myself enjoying in it.", "I found myself enjoying it."),
            bad("I listen music every day.", "I listen to music every day."),
            bad("He is afraid from dogs.", "He is afraid of dogs."),
            bad("Who is responsible of this?", "Who is responsible for this?"),
            good("She is married with two children."),
            good("They entered into an agreement."),
            good("It depends on the weather."),
            good("I listen to music every day."),
            good("We enjoy in moderation."),
            good("Trust in God."),
            good("Listen carefully."),
        ),
    ),
    TRIGGER,
    check,
)
