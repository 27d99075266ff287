"""Where Harper's defaults raise false alarms on clean prose, and what we do about it.

``tests/engines/test_clean_prose.py`` runs the local engine over well-edited English and fails
on any correctness issue. Each entry below answers a false alarm found that way (or a rule of
ours doing the same job), with the reason. A rule switched off here can still be switched on
per request (``enabled_rules``, LanguageTool's ``enabledRules``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import replace

from addin_server.engines.base import Markup
from addin_server.records import Category, Issue, Severity
from addin_server.rules.editing import at_sentence_start
from addin_server.text.protected import ProtectedIndex, protected_spans
from addin_server.text.words import (
    Gap,
    is_list_item_start,
    starts_with_list_item,
    word_after,
    word_before,
)

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
    # “64 MB” spelt out as “64 megabytes”: units are abbreviated in technical writing by every
    # style guide (SI, Microsoft's, Google's); spelling them out is a register choice.
    "ExpandMemoryShorthands": Category.STYLE,
    "ExpandTimeShorthands": Category.STYLE,
}
# Harper's initialism rules (“ASAP” -> “As soon as possible”) say an abbreviation should be
# spelt out: a register choice, not an error. As correctness they were fixes a rewrite applied
# unasked, turning a chat's “ASAP” into “As soon as possible” mid-sentence; as style they are
# an offer, and the formal tone spells abbreviations out itself (transforms/data).
_INITIALISM_MESSAGE = "Try expanding this initialism."

# Rules whose issues inside identifiers, URLs and code are noise: they judge words, and an
# identifier (“python3”, “Office.js”, “OpenAPI”, “UTF-16”) is not a word a writer can respell.
# “Ctrl” in a keyboard shortcut (“Ctrl+S”, text/protected.py) is the key's name, not an
# informal “control”.
_WORD_RULES = frozenset({"harper.SpellCheck", "harper.SplitWords", "harper.ExpandControl"})

# Harper rule -> text right after a flagged span that makes it a false alarm, and why.
_FALSE_WHEN_FOLLOWED_BY: dict[str, tuple[re.Pattern[str], str]] = {
    # "a damp, drizzly November": an adjective in a list, not a mass noun with "a".
    "harper.MassNouns": (re.compile(r"\s*,"), "coordinate adjectives"),
    # "some one or other of their daughters", "some one of them": "some" + "one", not a
    # misspelt "someone".
    "harper.Someone": (re.compile(r"\s+(?:of|or\s+other)\b"), "determiner and pronoun"),
    # "I think it's kind of late": "kind of"/"sort of" after "it's" is a hedge on "it is",
    # not a noun "its kind" owns; the fix "its kind of late" would make the error. And in a
    # series of parallel clauses ("it's light, it's tough") each is "it is" + an adjective.
    # Markdown emphasis may wrap the hedge ("it's **kind of** late").
    "harper.ItsPossessive": (
        re.compile(
            r"\s+[*_]{0,3}(?:(?:kind|sort)\s+of\b|\w+\s*,\s+(?:and\s+)?it['’]s\b)", re.IGNORECASE
        ),
        "hedge, or one of parallel clauses",
    ),
    # "only their SHA-256 hashes", "their API keys": an acronym modifying the noun after it
    # reads to Harper as a verb ("they're SHA"); "Their going home" is still corrected.
    "harper.TheirToTheyre": (
        re.compile(r"\s+(?!OK\b)[A-Z][A-Z\d]+(?:-\d+)?\s+[a-z]"),
        "acronym before a noun",
    ),
}
# Words English doubles on purpose: “She had had enough”, “He said that that was fine”.
_GRAMMATICAL_DOUBLES = frozenset({"that that", "had had"})
# “last to first”, “start to finish”: “to” joining the two ends of a range, not “too”.
_RANGE_ENDS = frozenset(
    """first last start finish beginning end top bottom left right front back head toe
    east west north south dawn dusk morning night inside outside""".split()
)
# After these, “to” is the infinitive's and a past form after it is an error even before a
# noun (“I need to selected people”); elsewhere “to” may be a preposition (“access limited to
# allowed origins”) and the participle an adjective.
_TAKES_AN_INFINITIVE = re.compile(
    r"(?:want|need|tr(?:y|ie)|ha(?:ve|s|d)|going|able|decide|plan|hope|expect|learn|forg[eo]t"
    r"|remember|manage|refuse|agree|promise|seem|used|ought|like|love|start|begin|began|wish"
    r"|choose|chose|ready|happy|glad|afraid)\w*",
    re.IGNORECASE,
)
# Words that cannot be the noun a participle modifies: “to allowed him” is still an error.
_NOT_A_NOUN = frozenset(
    """me you him her it us them myself himself herself itself ourselves themselves the a an
    this that these those my your his its our their some any every each no more most much
    many all to in on at by for from with of about into over up down out off as than and or
    but so not very too also then there here now""".split()
)
_INFLECTION = re.compile(r"(?:['’]s|s)$")
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
    text: str,
    issues: Iterable[Issue],
    markup: Markup,
    protected: ProtectedIndex | None = None,
    known: Callable[[str], bool] | None = None,
    terms: frozenset[str] = frozenset(),
) -> list[Issue]:
    """Drop Harper issues that are false alarms by construction (see the module notes);
    ``protected`` holds the text's protected stretches when the caller has them, ``known``
    says whether a word is in the dictionary, ``terms`` are the writer's own words."""
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
        if markup is Markup.MARKDOWN and (
            _markdown_fragment(text, issue)
            or _markdown_label(text, issue)
            or _possessive_of_code(text, issue)
        ):
            continue
        if _name_shaped_like_an_acronym(text, issue) or _shouted_contraction(text, issue):
            continue
        if any(check(text, issue) for check in _IN_CONTEXT):
            continue
        if known is not None and _inflected_known_word(text, issue, known, terms):
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
    if is_list_item_start(text, line_start, issue.span.start) and _list_continues_a_sentence(
        text, line_start
    ):
        return True
    return bool(_AFTER_CODE_FENCE.search(text, 0, issue.span.start))


def _possessive_of_code(text: str, issue: Issue) -> bool:
    """“`/v2/check`'s answer”: the possessive of inline code, whose “s” Harper reads alone."""
    if issue.rule_id != "harper.SpellCheck" or text[issue.span.start : issue.span.end] != "s":
        return False
    return text[max(0, issue.span.start - 2) : issue.span.start] in ("`'", "`’")


def _list_continues_a_sentence(text: str, line_start: int) -> bool:
    """Whether the list holding the line at ``line_start`` follows a line ending in “:”
    (“Penwise agrees with:” then “- its own origin”): its items finish that sentence."""
    lines = text[:line_start].split("\n")[:-1]
    for line in reversed(lines):
        if not line.strip() or starts_with_list_item(line) or line[:1] in " \t":
            continue  # blank, an earlier item, or an item's continuation
        return line.rstrip().endswith(":")
    return False


def _markdown_label(text: str, issue: Issue) -> bool:
    """A missing article inside bold text: Markdown bolds the labels of buttons and fields
    (“click **Create new test**”), which are quoted as the screen shows them."""
    if issue.rule_id != "harper.MissingDeterminer":
        return False
    line_start = text.rfind("\n", 0, issue.span.start) + 1
    line_end = text.find("\n", issue.span.end)
    before = text[line_start : issue.span.start]
    after = text[issue.span.end : len(text) if line_end < 0 else line_end]
    return before.count("**") % 2 == 1 and "**" in after


def _range_of_positions(text: str, issue: Issue) -> bool:
    """“one edit at a time, last to first”: “to” between the two ends of a range."""
    if issue.rule_id != "harper.ToTwoToo":
        return False
    before = word_before(text, issue.span.start, Gap.SPACE)
    after = _lower_word_after(text, issue.span.end)
    return before is not None and after is not None and {before.lower(), after} <= _RANGE_ENDS


def _participle_before_a_noun(text: str, issue: Issue) -> bool:
    """“limited to allowed origins”: a participle used as an adjective after the preposition
    “to”, where Harper reads the infinitive's “to” and asks for “to allow”. Our tagger-based
    ``grammar.verb_form.after_to`` still judges these."""
    if issue.rule_id != "harper.InflectedVerbAfterTo":
        return False
    after = _lower_word_after(text, issue.span.end)
    if after is None or after in _NOT_A_NOUN:
        return False
    before = word_before(text, issue.span.start, Gap.SPACE)
    return before is None or not _TAKES_AN_INFINITIVE.fullmatch(before)


def _lower_word_after(text: str, offset: int) -> str | None:
    """The word after the spaces at ``offset`` if it is in lower-case ASCII letters."""
    word = word_after(text, offset, Gap.SPACE)
    lower = word is not None and word.isascii() and word.isalpha() and word.islower()
    return word if lower else None


# Unit symbols written after a number (“30 s”, “10 ms”, “64 MB”, “2 h”): SI and every
# technical style guide write them so; to Harper the symbol is a misspelt word, or “s and”
# a split “sand”.
_UNIT_AFTER_NUMBER = re.compile(
    r"(?<=\d)[ \u00a0](?:s|ms|µs|ns|min|h|d|[kMGT]i?B|[kMG]Hz|px|pt|em|rem)\b"
)


def _unit_after_a_number(text: str, issue: Issue) -> bool:
    """“a 30 s timeout”, “in 10 ms”: a unit symbol after a number, not a word."""
    if issue.rule_id not in ("harper.SpellCheck", "harper.MergeWords"):
        return False
    return _UNIT_AFTER_NUMBER.match(text, issue.span.start - 1) is not None


# A compound adjective is hyphenated before its noun (“an out-of-date list”), not after a
# linking verb (“the list is out of date”; Chicago 7.81, Merriam-Webster's usage notes).
_LINKING_BEFORE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|['’](?:s|re)|becomes?|became|gets?|got|goes|went|"
    r"gone|seems?|seemed|looks?|looked|remains?|remained|grows?|grew)"
    r"(?:\s+(?:now|already|still|quite|badly|hopelessly|so|very|too|long|not|never))?\s+$",
    re.IGNORECASE,
)


def _predicative_compound(text: str, issue: Issue) -> bool:
    """“the reference is out of date”: after a linking verb the phrase is no compound
    adjective before a noun, and takes no hyphens."""
    if issue.rule_id != "harper.OutOfDate":
        return False
    before = text[max(0, issue.span.start - 40) : issue.span.start]
    return _LINKING_BEFORE.search(before) is not None


_IN_CONTEXT: tuple[Callable[[str, Issue], bool], ...] = (
    _range_of_positions,
    _predicative_compound,
    _participle_before_a_noun,
    _unit_after_a_number,
)


def _inflected_known_word(
    text: str, issue: Issue, known: Callable[[str], bool], terms: frozenset[str]
) -> bool:
    """A plural or possessive Harper's dictionary lacks, of a word it has: the last part of a
    hyphenated compound (“add-ins”, “stand-ins”, “the add-on's menu”: “ins” and “on's” are
    not words, “add-in” and “add-on” are), and the possessive of the writer's own terms
    (“Penwise's”). Still flagged: misspellings (“check-inss”, “the docter's office”) and
    possessives Harper rejects for a reason (“one's” written “own's”, “dinosaurs's”)."""
    if issue.rule_id != "harper.SpellCheck":
        return False
    word = text[issue.span.start : issue.span.end]
    stem = _INFLECTION.sub("", word)
    if stem == word or not stem:
        return False
    first = re.search(r"(\w+)-$", text[max(0, issue.span.start - 40) : issue.span.start])
    if first is not None:
        return known(stem) and known(first[1])
    return word.endswith(("'s", "’s")) and stem in terms
