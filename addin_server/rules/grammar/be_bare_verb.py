"""grammar.verb_form.be_bare_verb: a form of "be" before a verb of thinking or feeling in
its base form ("I am not agree", "she is understand"): the verb stands alone, and a
negative takes "do".

Only verbs that cannot follow "be" as adjectives or participles in their base form (agree,
understand, know, believe...), and only where the tagger reads the verb as a base form.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english import inflection
from addin_server.rules.english.casing import match_case
from addin_server.rules.english.nlp import Parse
from addin_server.rules.sentence_rules import Finding, ParsedRule, trigger

_VERBS = frozenset(
    """agree disagree understand know believe want need prefer remember forget suppose
    realise realize enjoy""".split()
)
TRIGGER = trigger(
    rf"""\b(?:am|is|are|was|were|'m|'re)(?:\s+not|n't)?\s+
    (?:{"|".join(sorted(_VERBS))})\b"""
)
# The form of "do" a negative takes in place of each form of "be", and the verb's tag
# when it stands alone.
_DO = {"am": "do", "'m": "do", "is": "does", "are": "do", "'re": "do", "was": "did", "were": "did"}
_ALONE = {"am": "VBP", "'m": "VBP", "is": "VBZ", "are": "VBP", "'re": "VBP", "was": "VBD"}
_ALONE["were"] = "VBD"


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "be" (+ "not") before a base-form verb of thinking or feeling."""
    for be in parse.tokens:
        if be.lower not in _DO or be.tag not in ("VBP", "VBZ", "VBD"):
            continue
        negation = parse.next(be.i)
        verb = negation
        if negation is not None and negation.lower in ("not", "n't"):
            verb = parse.next(negation.i)
        else:
            negation = None
        if verb is None or verb.lower not in _VERBS or verb.tag not in ("VB", "VBP"):
            continue
        after = parse.next(verb.i)
        if after is not None and after.lower in ("-", "'s"):
            continue
        if negation is not None:
            do = _DO[be.lower]
            space = " " if be.text.startswith("'") else ""  # "I'm not know" -> "I do not know"
            fixed = space + match_case(be.text.lstrip("'"), do)
            fixed += " not" if negation.lower == "not" else "n't"
            said = message(
                "grammar.verb_form.be_bare_verb.negative", do=do, be=be.text, fixed=fixed.strip()
            )
            yield Finding(be.start, negation.end, said, (fixed,))
            continue
        form = inflection.inflection(verb.lower, _ALONE[be.lower])
        if form:
            said = message("grammar.verb_form.be_bare_verb", verb=verb.text, be=be.text, fixed=form)
            space = " " if be.text.startswith("'") else ""  # "I'm know" -> "I know"
            yield Finding(be.start, verb.end, said, (space + form,))


RULE = ParsedRule(
    RuleInfo(
        id="grammar.verb_form.be_bare_verb",
        description="A form of “be” before a verb such as “agree” (“I am not agree”).",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad(
                "Many people are not agree with this idea.",
                "Many people do not agree with this idea.",
            ),
            bad("She is not understand the question.", "She does not understand the question."),
            bad("I'm not believe it.", "I do not believe it."),
            bad("We are agree that it matters.", "We agree that it matters."),
            bad("He is know the answer.", "He knows the answer."),
            bad("They were not remember the way.", "They did not remember the way."),
            bad("I'm know him well.", "I know him well."),
            good("Many people do not agree with this idea."),
            good("The reason is love of money."),
            good("What we need is care and patience."),
            good("The problem is we are not sure."),
            good("They are like brothers."),
            good("It is like a dream."),
            good("All you need is love."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
