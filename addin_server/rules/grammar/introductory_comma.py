"""grammar.introductory_comma: a transition that opens a sentence ("For example", "In
addition", "Moreover") and runs straight into the clause without its comma.

A fixed list of phrases that are always followed by a comma at the start of a sentence;
"However" only where a subject follows (not "However hard she tried"); "Also", "Yes" and
the ordinals "Second", "Third" only before a pronoun or a determiner that opens the
clause ("Also the rent is high", not "Also included is a map"; "Second the amount", not
"Second place went to"). The fix puts the comma right after the phrase.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from addin_server.messages.catalog import message
from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.sentence_rules import Finding, TextRule

_PHRASES = (
    "for example|for instance|in addition|in my opinion|in my view|on the other hand|"
    "in conclusion|in fact|therefore|moreover|furthermore|nevertheless|nonetheless|"
    "firstly|secondly|thirdly|lastly|first of all|in other words|as a result|in short|"
    "in summary|to sum up|to conclude|consequently|unfortunately|fortunately|additionally|"
    "meanwhile|personally|generally speaking|on the contrary|as a matter of fact|"
    "in the end|of course|after all|in this case|to begin with|in my experience|"
    "in general|in contrast|by contrast|on the one hand|for this reason|"
    "for these reasons|all in all|in any case|above all|as a consequence|in reality|"
    "in practice|to summarize|to summarise|luckily|sadly|honestly"
)
_PHRASE_PATTERN = _PHRASES.replace(" ", r"\s+")  # the pattern is verbose: spaces vanish
_OPENING = regex.compile(
    rf"""^[\"'“‘(]*(?P<phrase>{_PHRASE_PATTERN}
        |however(?=\s+(?:the|a|an|this|that|these|those|it|i|we|they|he|she|there|in|on|at|
                       if|when|as|since|many|most|some|people|my|our|their|his|her)\b)
        |also(?=\s+(?:i|we|they|he|she|it|you|the|this|these|those|there|many|most|some|
                      people|my|our|their|if|when)\b)
        |yes(?=\s+(?:i|we|they|he|she|it|you|this|there|the|that['’]s)\b)
        |(?:thus|hence|besides|otherwise)(?=\s+(?:i|we|they|he|she|it|you|there|people|many|most|some|my|our|
                                 their|his|her)\b)
        |(?:second|third|fourth)(?=\s+(?:i|we|they|he|she|it|you|the|this|these|there|
                                       people|my|our|their)\b))
        (?=\s+\w)(?!\s+(?:to|of|that(?!['’])|with|for|as)\b)""",
    regex.IGNORECASE | regex.VERBOSE,
)


def check(sentence: str) -> Iterator[Finding]:
    """Flag an opening transition that lacks its comma."""
    match = _OPENING.match(sentence)
    if match is None:
        return
    phrase = match.group("phrase")
    if phrase.lower() == "however" and "," in sentence[match.end() :]:
        return  # "However you look at it, ..." is a clause, not a transition
    end = match.end("phrase")
    yield Finding(
        match.start("phrase"),
        end,
        message("grammar.introductory_comma", phrase=phrase),
        (phrase + ",",),
    )


RULE = TextRule(
    RuleInfo(
        id="grammar.introductory_comma",
        description="An opening transition (“For example”, “However”) without its comma.",
        category=Category.CORRECTNESS,
        kind="punctuation",
        severity=Severity.WARNING,
        examples=(
            bad("For example we could walk.", "For example, we could walk."),
            bad("In addition the rent is high.", "In addition, the rent is high."),
            bad("However the plan failed.", "However, the plan failed."),
            bad("In my opinion it is too late.", "In my opinion, it is too late."),
            bad("Also I think it is cheap.", "Also, I think it is cheap."),
            bad("Secondly we need money.", "Secondly, we need money."),
            bad("Also the work of the team matters.", "Also, the work of the team matters."),
            bad("Yes it is true.", "Yes, it is true."),
            bad("Second the amount is small.", "Second, the amount is small."),
            good("For example, we could walk."),
            good("However hard she tried, she failed."),
            good("However you look at it, it is late."),
            good("Also included is a map."),
            good("Also in the box is a map."),
            good("Yes or no?"),
            good("Second place went to Ann."),
            good("Third parties may apply."),
            good("In addition to rent, we pay for heat."),
            good("Of course."),
            good("In fact, it rained."),
            good("Therefore, we left."),
            good("For examples of this, see below."),
            bad("Thus we can see the point.", "Thus, we can see the point."),
            good("Finally the bus arrived."),
            bad("Yes there is a way.", "Yes, there is a way."),
            bad("Yes that's right.", "Yes, that's right."),
            good("In fact that is true."),
            good("Hence the name."),
            good("Thus far nobody has come."),
            good("Besides the rent, we pay for heat."),
            good("Otherwise engaged, she left."),
        ),
    ),
    check,
)
