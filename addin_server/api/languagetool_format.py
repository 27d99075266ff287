"""Issues in LanguageTool's JSON shape (``RuleMatchesAsJsonSerializer``'s fields).

LanguageTool counts offsets in UTF-16 code units (Java strings), so every offset here does.
Messages, short messages and category names are in the language the request chose (see
``/v2/check``): LanguageTool's field names stay, only the words in them change.
"""

from __future__ import annotations

from typing import Any

from addin_server.languages import Language
from addin_server.messages.catalog import ENGLISH, english, localized, message
from addin_server.records import Issue
from addin_server.text.annotation import AnnotatedText
from addin_server.text.offsets import Utf16Index, utf16_length
from addin_server.text.sentences import SentenceIndex
from addin_server.version import __version__

CONTEXT_CHARS = 40

# Our issue kinds to LanguageTool's (category id, issueType); a category's name is the
# message lt.category.<id>.
_TYPOS = ("TYPOS", "misspelling")
_GRAMMAR = ("GRAMMAR", "grammar")
_CONFUSED = ("CONFUSED_WORDS", "grammar")
_STYLE = ("STYLE", "style")
_KIND_TO_CATEGORY = {
    "spelling": _TYPOS,
    "typo": _TYPOS,
    "grammar": _GRAMMAR,
    "agreement": _GRAMMAR,
    "usage": _GRAMMAR,
    "nonstandard": _GRAMMAR,
    "word_choice": _CONFUSED,
    "eggcorn": _CONFUSED,
    "malapropism": _CONFUSED,
    "punctuation": ("PUNCTUATION", "typographical"),
    "formatting": ("TYPOGRAPHY", "typographical"),
    "boundary_error": ("TYPOGRAPHY", "typographical"),
    "capitalization": ("CASING", "typographical"),
    "repetition": ("REPETITIONS", "duplication"),
    "redundancy": ("REDUNDANCY", "style"),
    "style": _STYLE,
    "enhancement": _STYLE,
    "readability": _STYLE,
    "regionalism": ("AMERICAN_ENGLISH_STYLE", "locale-violation"),
    # Our own rules (rules/style, the style guide).
    "wordiness": ("PLAIN_ENGLISH", "style"),
    "nominalization": ("PLAIN_ENGLISH", "style"),
    "hedging": _STYLE,
    "weasel_words": _STYLE,
    "cliche": _STYLE,
    "passive_voice": _STYLE,
    "long_sentence": _STYLE,
    "adverbs": _STYLE,
    "repeated_starts": _STYLE,
    "inclusive_language": _STYLE,
    "style_guide": _STYLE,
}
_MISC = ("MISC", "uncategorized")


def category_of(issue: Issue) -> tuple[str, str]:
    """LanguageTool's ``(category id, issueType)`` for an issue."""
    return _KIND_TO_CATEGORY.get(issue.kind, _MISC)


def category_name(category_id: str, ui: str) -> str:
    """A category's name, in ``ui`` where the tables have it."""
    said = message(f"lt.category.{category_id}")
    return localized(ui, said.id, (), english(said))[0]


def software() -> dict[str, Any]:
    """The ``software`` block of a check answer."""
    return {
        "name": "Penwise",
        "version": __version__,
        "buildDate": "",
        "apiVersion": 1,
        "premium": False,
        "premiumHint": "",
        "status": "",
    }


def language_json(language: Language, requested: str) -> dict[str, Any]:
    """The ``language`` block: what was checked, and what was 'detected' for ``auto``."""
    return {
        "name": language.name,
        "code": language.code,
        "detectedLanguage": {
            "name": language.name,
            "code": language.code,
            "confidence": 1.0 if requested != "auto" else 0.5,
            "source": "request" if requested != "auto" else "default",
        },
    }


class MatchFormatter:
    """Format the issues of one annotated text as LanguageTool matches, their messages in
    ``ui`` where the tables have them."""

    def __init__(self, annotated: AnnotatedText, describe: Any, ui: str = ENGLISH) -> None:
        self._annotated = annotated
        self._ui = ui
        self._document_index = Utf16Index(annotated.document)
        self._sentences = SentenceIndex(annotated.checked)
        self._describe = describe

    def match(self, issue: Issue) -> dict[str, Any]:
        """One match in LanguageTool's shape."""
        checked = self._annotated.checked
        start, end = self._annotated.to_document(issue.span.start, issue.span.end)
        offset, length = self._document_index.utf16_span(start, max(start, end))
        category_id, issue_type = category_of(issue)
        sentence = self._sentences.around(issue.span.start)
        said = localized(self._ui, issue.message_id, issue.params, issue.message)[0]
        return {
            "message": said,
            "shortMessage": _short_message(issue, self._ui),
            "replacements": [{"value": value} for value in issue.replacements],
            "offset": offset,
            "length": length,
            "context": _context(checked, issue.span.start, issue.span.end),
            "sentence": checked[sentence.start : sentence.end],
            "type": {"typeName": "UnknownWord" if issue_type == "misspelling" else "Other"},
            "rule": {
                "id": issue.rule_id,
                "description": self._describe(issue.rule_id) or issue.message,
                "issueType": issue_type,
                "category": {"id": category_id, "name": category_name(category_id, self._ui)},
            },
            "ignoreForIncompleteSentence": False,
            "contextForSureMatch": 0,
        }


def _short_message(issue: Issue, ui: str) -> str:
    if issue.kind not in ("spelling", "typo"):
        return ""
    said = message("lt.short.spelling")
    return localized(ui, said.id, (), english(said))[0]


def _context(text: str, start: int, end: int) -> dict[str, Any]:
    """Up to 40 characters either side of the error, '...' where cut, newlines as spaces."""
    left = max(0, start - CONTEXT_CHARS)
    right = min(len(text), end + CONTEXT_CHARS)
    prefix = "..." if left > 0 else ""
    suffix = "..." if right < len(text) else ""
    before = text[left:start].replace("\n", " ").replace("\r", " ")
    flagged = text[start:end].replace("\n", " ").replace("\r", " ")
    after = text[end:right].replace("\n", " ").replace("\r", " ")
    return {
        "text": prefix + before + flagged + after + suffix,
        "offset": utf16_length(prefix + before),
        "length": utf16_length(flagged),
    }
