"""What places a clause in the past, and a verb's past form: shared by the tense rules."""

from __future__ import annotations

import datetime

from addin_server.rules.english import inflection
from addin_server.rules.english.nlp import Parse, Token

PAST_UNITS = frozenset(
    """week month year night weekend summer winter spring autumn fall time monday tuesday
    wednesday thursday friday saturday sunday""".split()
)
# Words of past time, as a trigger pattern (verbose, case-insensitive): "yesterday", "last
# week", "two days ago", "in 2019" (what :func:`past_time` then confirms by the parse).
PAST_TIME_PATTERN = r"""\byesterday\b(?!['’])
    | \blast\s+(?:week|month|year|night|weekend|summer|winter|spring|autumn|fall|time|monday
      |tuesday|wednesday|thursday|friday|saturday|sunday)\b
    | \b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|many|several|few)\s+
      (?:\w+\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+ago\b
    | \bin\s+(?:1[89]|20)\d\d\b"""
_BE_PAST = {"am": "was", "is": "was", "are": "were", "'m": "was", "'s": "was", "'re": "were"}
# The earliest year read as a date in "in 1998" (not "in 500 ways").
_FIRST_YEAR = 1800


def past_time(parse: Parse, token: Token) -> bool:
    """Whether ``token`` is a past-time adverb: "yesterday", "last week", "two days ago",
    "in 2019" (a year before this one)."""
    if token.lower == "yesterday":
        return token.dep in ("npadvmod", "advmod")
    if token.lower == "ago":
        return token.dep == "advmod"
    before = parse.previous(token.i)
    if token.lower in PAST_UNITS:
        return token.dep == "npadvmod" and before is not None and before.lower == "last"
    if token.lower == "in" and token.dep == "prep":
        year = parse.next(token.i)
        after = parse.next(year.i) if year is not None else None
        return (
            year is not None
            and year.tag == "CD"
            and year.text.isdigit()
            and _FIRST_YEAR <= int(year.text) < datetime.date.today().year
            and (after is None or after.pos == "PUNCT" or after.tag in ("PRP", "DT", "NNP"))
        )
    return False


def past_form(verb: Token) -> str | None:
    """The simple past of a present-tense or base-form ``verb``, where it differs and the
    tables know the verb ("have", "do" and the modals are left alone: their past may change
    the meaning)."""
    word = verb.lower
    if word in ("have", "has", "do", "does") or not inflection.is_known(word, "VERB"):
        return None
    past = _BE_PAST.get(word) or inflection.inflection(inflection.lemma(word, "VERB"), "VBD")
    return None if not past or past == word else past
