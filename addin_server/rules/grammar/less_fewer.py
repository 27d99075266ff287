"""grammar.less_fewer: "less" before a plural count noun ("less people") wants "fewer".

Only "less" directly before a plural noun: "less expensive cars" (less modifies the
adjective), "less than ten" and plural units of amount ("less calories" aside, "less
dollars" reads as an amount) are left alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from addin_server.records import Category, Severity
from addin_server.rules.base import RuleInfo, bad, good
from addin_server.rules.english.nlp import Parse
from addin_server.rules.sentence_rules import Finding, ParsedRule, replace_token, trigger

TRIGGER = trigger(r"\bless\s+\w+s\b|\bless\s+(?:people|children|men|women)\b")
_AMOUNTS = frozenset(
    """dollars euros pounds cents years months weeks days hours minutes seconds miles
    kilometers kilometres meters metres feet inches percent degrees calories funds
    means news series species""".split()
)


def check(parse: Parse) -> Iterator[Finding]:
    """Flag "less" before a plural count noun."""
    for token in parse.tokens:
        after = parse.next(token.i)
        before = parse.previous(token.i)
        if token.lower != "less" or after is None or after.tag != "NNS":
            continue
        if after.lower in _AMOUNTS or (before is not None and before.lower in ("no", "much")):
            continue
        yield replace_token(token, "fewer", "grammar.less_fewer", noun=after.text)


RULE = ParsedRule(
    RuleInfo(
        id="grammar.less_fewer",
        description="“less” before a plural count noun, where “fewer” belongs.",
        category=Category.CORRECTNESS,
        kind="grammar",
        severity=Severity.WARNING,
        examples=(
            bad(
                "There were less people than last year.", "There were fewer people than last year."
            ),
            bad("We made less mistakes this time.", "We made fewer mistakes this time."),
            bad("Less cars means cleaner air.", "Fewer cars means cleaner air."),
            good("There were fewer people than last year."),
            good("We spent less money."),
            good("Buy less expensive cars."),
            good("It took less than ten minutes."),
            good("It costs less dollars than you think."),
            good("It took less time."),
        ),
    ),
    TRIGGER,
    check,
    dependencies=False,
)
