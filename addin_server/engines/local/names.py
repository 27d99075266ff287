"""Names are not misspellings: an unknown capitalised word inside a sentence is a note.

No dictionary holds every name (Priya, Okafor, São Paulo), and a spelling error on each one
teaches a writer to ignore the checker. A capitalised word the dictionary lacks, where a
capital is not just the sentence's first letter, is most likely a name: it becomes a
``suggestion`` to check its spelling, offering none of Harper's words ("Priya" is not
"Pray"), only the writer's own terms. A short all-caps word among lowercase ones ("a PEM
file") is an acronym, noted the same way. At the start of a sentence a capital proves
nothing, so "Recieve the parcel" stays an error, unless something else says "name": the next
word is capitalised too ("Priya Okafor flew"), a title stands before it ("Dear Ms. Mensah",
where Harper reads the title's full stop as a sentence's end), the word is a line of its own
(a signature: "Thanks,\nSiobhan"), or it is the subject of a verb that follows ("Aoife said")
and none of Harper's words is one edit from it ("Aoife" is not a slip for "Abide";
"Recieve" is one for "Receive", as most misspellings are).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import regex

from addin_server.engines.local.spelling import edit_distance
from addin_server.messages.catalog import message, reworded
from addin_server.records import Category, Issue, Severity
from addin_server.rules.editing import at_sentence_start
from addin_server.rules.tables import load_words
from addin_server.text.words import Gap, word_after, word_before

SPELLING_RULE = "harper.SpellCheck"
_NEXT_WORD = regex.compile(r"[ \t]+(\p{Lu}[\p{L}'’-]*)")
_TITLE_BEFORE = regex.compile(
    r"(?<![\p{L}])(?:Mr|Mrs|Ms|Mx|Dr|Prof|Sr|Jr|St|Rev|Sir|Dame|Madam|Dear)\.?[ \t]+$"
)
_NEXT_LOWER_WORD = regex.compile(r"[ \t]+(\p{Ll}+)\b")
VERBS_AFTER_A_SUBJECT = "verbs_after_a_subject.txt"
_LINE_OF_ITS_OWN = regex.compile(r"[ \t]*[,.]?[ \t]*(?:\n|$)")


def as_name_notes(
    text: str, issues: Iterable[Issue], dictionary: frozenset[str] = frozenset()
) -> list[Issue]:
    """``issues`` with each spelling error on a name-like word turned into a note; only the
    writer's own terms (``dictionary``) are still offered for it ("Penwize" -> "Penwise")."""
    return [
        _note(text, issue, dictionary) if _name_like(text, issue) else issue for issue in issues
    ]


def looks_like_a_name(word: str) -> bool:
    """A capital, then not all capitals: "Okafor", "São", "McKenna" (not "NASA")."""
    letters = [char for char in word if char.isalpha()]
    return bool(letters) and letters[0].isupper() and any(c.islower() for c in letters)


def looks_like_an_acronym(text: str, start: int, end: int) -> bool:
    """A short all-caps word among words that are not ("a PEM file"): an acronym no
    dictionary lists, not a misspelling. In shouted text ("SOME INWALL POINTS") it is not."""
    word = text[start:end]
    if not (2 <= len(word) <= 6 and word.isalpha() and word.isupper()):
        return False
    neighbours = (word_before(text, start, Gap.CELL), word_after(text, end, Gap.CELL))
    return not any(word and len(word) > 1 and word.isupper() for word in neighbours)


def _name_like(text: str, issue: Issue) -> bool:
    if issue.rule_id != SPELLING_RULE:
        return False
    if looks_like_an_acronym(text, issue.span.start, issue.span.end):
        return True
    if not looks_like_a_name(text[issue.span.start : issue.span.end]):
        return False
    if not at_sentence_start(text, issue.span.start):
        return True
    following = _NEXT_WORD.match(text, issue.span.end)
    if following is not None and looks_like_a_name(following.group(1)):
        return True
    word = text[issue.span.start : issue.span.end]
    line_start = text.rfind("\n", 0, issue.span.start) + 1
    return (
        _TITLE_BEFORE.search(text, line_start, issue.span.start) is not None
        or (
            _LINE_OF_ITS_OWN.match(text, issue.span.end) is not None
            and not text[line_start : issue.span.start].strip()
        )
        or (
            _subject_of_a_verb(text, issue)
            and not any(edit_distance(word.lower(), r.lower()) <= 1 for r in issue.replacements)
        )
    )


def _subject_of_a_verb(text: str, issue: Issue) -> bool:
    following = _NEXT_LOWER_WORD.match(text, issue.span.end)
    return following is not None and following.group(1) in load_words(VERBS_AFTER_A_SUBJECT)


def _note(text: str, issue: Issue, dictionary: frozenset[str]) -> Issue:
    word = text[issue.span.start : issue.span.end]
    noted = replace(
        issue,
        category=Category.STYLE,
        severity=Severity.SUGGESTION,
        replacements=tuple(r for r in issue.replacements if r in dictionary),
    )
    return reworded(noted, message("harper.SpellCheck.name", word=word))
