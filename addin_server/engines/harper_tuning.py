"""Where Harper's defaults raise false alarms on clean prose, and what we do about it.

``tests/engines/test_clean_prose.py`` runs the local engine over well-edited English and fails
on any correctness issue. Each entry below answers a false alarm found that way (or a rule of
ours doing the same job), with the reason. A rule switched off here can still be switched on
per request (``enabled_rules``, LanguageTool's ``enabledRules``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from addin_server.engines.base import Markup
from addin_server.records import Category, Issue, Severity
from addin_server.rules.editing import at_sentence_start
from addin_server.text.protected import ProtectedIndex, protected_spans

# Harper rule name -> why it is off by default.
QUIET_BY_DEFAULT: dict[str, str] = {
    "LongSentences": (
        "style.long_sentence does the same job with a limit the server sets "
        "(ADDIN_LONG_SENTENCE_WORDS); two notes on one sentence would be noise."
    ),
    "UseTitleCase": (
        "Sentence-case headings are the house style of Microsoft, Google and GOV.UK (and ours); "
        "title case is a preference, not a correctness error."
    ),
    "RedundantThat": (
        "“that that” is often grammatical: “He said that that was fine”, Lincoln's “gave "
        "their lives that that nation might live”."
    ),
    "ThatWhich": (
        "Rewrites a grammatical “that that” as “that which”, changing the meaning: “He said "
        "that that was fine” is not “He said that which was fine”."
    ),
    "MissingPreposition": (
        "Fires on sound sentences (“The world will little note what we say”, “The nation "
        "will long remember”) and missed every real omission we tried (“He listened the music”)."
    ),
}

# Harper rule name -> the category we report instead of correctness, and why.
CATEGORY_OF_RULE: dict[str, Category] = {
    # Closing a hyphenated prefix (“non-committal” -> “noncommittal”) is house style: both
    # forms are in the dictionaries, and Harper's own message says the prefix "can be joined".
    "DisjointPrefixes": Category.STYLE,
    # Open or closed compounds (“stack trace” / “stacktrace”) vary between dictionaries.
    "CompoundNouns": Category.STYLE,
    # Three full stops or the ellipsis character, a hyphen or an en dash in “1990-1995”:
    # typography a house style settles (AP and most web style guides use the plain
    # characters), not an error. On JFLEG's learner essays none of these fixes was one a
    # human corrector made.
    "UseEllipsisCharacter": Category.STYLE,
    "NumericRangeEnDash": Category.STYLE,
}
# Harper's initialism rules (“ASAP” -> “As soon as possible”) say an abbreviation should be
# spelt out: a register choice, not an error. As correctness they were fixes a rewrite applied
# unasked, turning a chat's “ASAP” into “As soon as possible” mid-sentence; as style they are
# an offer, and the formal tone spells abbreviations out itself (transforms/data).
_INITIALISM_MESSAGE = "Try expanding this initialism."

# Rules whose issues inside identifiers, URLs and code are noise: they judge words, and an
# identifier (“python3”, “Office.js”, “OpenAPI”, “UTF-16”) is not a word a writer can respell.
_WORD_RULES = frozenset({"harper.SpellCheck", "harper.SplitWords"})

# Harper rule -> text right after a flagged span that makes it a false alarm, and why.
_FALSE_WHEN_FOLLOWED_BY: dict[str, tuple[re.Pattern[str], str]] = {
    # "a damp, drizzly November": an adjective in a list, not a mass noun with "a".
    "harper.MassNouns": (re.compile(r"\s*,"), "coordinate adjectives"),
    # "some one or other of their daughters", "some one of them": "some" + "one", not a
    # misspelt "someone".
    "harper.Someone": (re.compile(r"\s+(?:of|or\s+other)\b"), "determiner and pronoun"),
    # "I think it's kind of late": "kind of"/"sort of" after "it's" is a hedge on "it is",
    # not a noun "its kind" owns; the fix "its kind of late" would make the error.
    "harper.ItsPossessive": (re.compile(r"\s+(?:kind|sort)\s+of\b", re.IGNORECASE), "hedge"),
}
# Words English doubles on purpose: “She had had enough”, “He said that that was fine”.
_GRAMMATICAL_DOUBLES = frozenset({"that that", "had had"})
_CONTRACTION = re.compile(r"[a-z]+'(?:m|s|re|ve|ll|d|t)")
_TABLE_CELL_START = re.compile(r"(?:^|\|)[ \t]*$")
_AFTER_CODE_FENCE = re.compile(r"(?:```|~~~)[ \t]*\n\s*$")


def quiet_defaults(config: dict[str, bool]) -> dict[str, bool]:
    """Harper's default configuration with :data:`QUIET_BY_DEFAULT` switched off."""
    return {name: state and name not in QUIET_BY_DEFAULT for name, state in config.items()}


def category_of(rule: str, default: Category) -> Category:
    """The category we report for a Harper rule."""
    return CATEGORY_OF_RULE.get(rule, default)


def without_false_alarms(
    text: str, issues: Iterable[Issue], markup: Markup, protected: ProtectedIndex | None = None
) -> list[Issue]:
    """Drop Harper issues that are false alarms by construction (see the module notes);
    ``protected`` holds the text's protected stretches when the caller has them."""
    protected = protected or ProtectedIndex(protected_spans(text))
    kept = []
    for issue in issues:
        if issue.rule_id in _WORD_RULES and protected.touches(issue.span):
            continue
        doubled = " ".join(text[issue.span.start : issue.span.end].lower().split())
        if issue.rule_id == "harper.RepeatedWords" and doubled in _GRAMMATICAL_DOUBLES:
            continue
        follower = _FALSE_WHEN_FOLLOWED_BY.get(issue.rule_id)
        if follower and follower[0].match(text, issue.span.end):
            continue
        if markup is Markup.MARKDOWN and _markdown_fragment(text, issue):
            continue
        if _name_shaped_like_an_acronym(text, issue) or _shouted_contraction(text, issue):
            continue
        kept.append(_recased_expansion(text, issue))
    return kept


def _name_shaped_like_an_acronym(text: str, issue: Issue) -> bool:
    """“Sam”, “Al”, “Pat”: Harper's dictionary knows only the acronyms (SAM, AL), so its
    ``OrthographicConsistency`` rule reads a capitalised name as a miscased acronym. A word
    written with a capital and then lowercase is a name or a sentence start, never a
    shouted acronym; “nasa” in lowercase is still corrected."""
    if issue.rule_id != "harper.OrthographicConsistency" or not issue.replacements:
        return False
    found = text[issue.span.start : issue.span.end]
    title_case = found[:1].isupper() and found[1:].islower()
    return title_case and all(r.isupper() and len(r) > 1 for r in issue.replacements)


def _shouted_contraction(text: str, issue: Issue) -> bool:
    """“I'M NOT SURE”: Harper's dictionary holds “I'm” but not its capitals, so a contraction
    in shouted text reads as a misspelling (and a casual rewrite of “I AM” looked wrong)."""
    if issue.rule_id != "harper.SpellCheck":
        return False
    found = text[issue.span.start : issue.span.end].replace("’", "'")
    return "'" in found and found.isupper() and _CONTRACTION.fullmatch(found.lower()) is not None


def _recased_expansion(text: str, issue: Issue) -> Issue:
    """An initialism's expansion, as style, in the case its place asks for: “reply ASAP”
    becomes “reply as soon as possible”, not “reply As soon as possible”."""
    if issue.message != _INITIALISM_MESSAGE:
        return issue
    start = at_sentence_start(text, issue.span.start)
    replacements = tuple(_sentence_case(r, start) for r in issue.replacements)
    return replace(
        issue, category=Category.STYLE, severity=Severity.SUGGESTION, replacements=replacements
    )


def _sentence_case(expansion: str, at_start: bool) -> str:
    first = expansion.split(" ", 1)[0]
    if at_start or first == "I" or first.startswith("I'"):
        return expansion[:1].upper() + expansion[1:]
    return expansion[:1].lower() + expansion[1:]


def _markdown_fragment(text: str, issue: Issue) -> bool:
    """A lowercase start in a Markdown table cell or right after a code block is not a
    sentence start: cells hold fragments, and prose often runs on after a code sample."""
    if issue.rule_id != "harper.SentenceCapitalization":
        return False
    line_start = text.rfind("\n", 0, issue.span.start) + 1
    before = text[line_start : issue.span.start]
    if before.lstrip().startswith("|") and _TABLE_CELL_START.search(before):
        return True
    return bool(_AFTER_CODE_FENCE.search(text, 0, issue.span.start))
