"""grammar.agreement.contracted_negative: a contracted negative whose person disagrees with
the pronoun before it, with or without its apostrophe: "he dont" and "she don't" want
"doesn't", "they doesnt" wants "don't", "it havent" wants "hasn't".

A misspelt "dont" is the spell checker's too, but it can only put the apostrophe back.
Only a subject pronoun right before the verb (not "let it", "make them", where the pronoun
is an object, nor a question: "why dont he", "doesn't it").
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.casing import match_case
from addin_server.rules.sentence_rules import Finding, TextRule

_SINGULAR = frozenset("he she it everyone everybody someone somebody nobody".split())
# The form each verb takes after a singular subject, after a plural one, and after "I"
# (None: no contracted form, as in "I amn't").
_FORMS = {
    "do": ("does", "do", "do"),
    "does": ("does", "do", "do"),
    "have": ("has", "have", "have"),
    "has": ("has", "have", "have"),
    "is": ("is", "are", None),
    "are": ("is", "are", None),
    "was": ("was", "were", "was"),
    "were": ("was", "were", "was"),
}
_FINDER = regex.compile(
    r"""(?<!\b(?:let|lets|make|makes|made|have|has|had|help|helps|helped|watch|saw|see|hear
        |heard|do|does|did|don'?t|doesn'?t|didn'?t|why|how|what|where|when|is|are|was|were)
        \s+)
    \b(?P<subject>he|she|it|everyone|everybody|someone|somebody|nobody|they|we|you|I)\s+
    (?P<verb>do|does|have|has|are|is|were|was)(?P<negation>n['’]?t)\b""",
    regex.IGNORECASE | regex.VERBOSE,
)


def check(sentence: str) -> Iterator[Finding]:
    """Flag contracted negatives that disagree with the pronoun before them."""
    for found in _FINDER.finditer(sentence):
        subject, verb = found["subject"].lower(), found["verb"].lower()
        person = 0 if subject in _SINGULAR else 2 if subject == "i" else 1
        form = _FORMS[verb][person]
        if form is None or form == verb:
            continue
        negation = found["negation"]
        if "'" not in negation and "’" not in negation:
            negation = "n't"  # the apostrophe put back as well
        fixed = match_case(found["verb"], form) + negation
        said = message(
            "grammar.agreement.contracted_negative", subject=found["subject"], fixed=fixed
        )
        yield Finding(found.start("verb"), found.end("negation"), said, (fixed,))


RULE = TextRule(
    RuleInfo(
        id="grammar.agreement.contracted_negative",
        description="A contracted negative that disagrees with its pronoun (“he dont”).",
        category=Category.CORRECTNESS,
        kind="agreement",
        severity=Severity.WARNING,
        examples=(
            bad("My sister says she dont like coffee.", "My sister says she doesn't like coffee."),
            bad("It don't work on my phone.", "It doesn't work on my phone."),
            bad("They doesnt answer emails.", "They don't answer emails."),
            bad("I doesn't see the point.", "I don't see the point."),
            bad("Everyone havent finished yet.", "Everyone hasn't finished yet."),
            bad("We wasnt told about it.", "We weren't told about it."),
            bad("You isn't alone.", "You aren't alone."),
            good("She doesn't like coffee."),
            good("Why don't they call?"),
            good("Aren't you coming?"),
            good("Why doesn't he call?"),
            good("I wasn't there."),
            good("I don't know, and they don't either."),
        ),
    ),
    check,
)
