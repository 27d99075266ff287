"""LanguageTool's annotated text: text parts are checked, markup parts are skipped.

``{"annotation": [{"text": "A "}, {"markup": "<b>"}, {"text": "test"}]}`` is checked as
"A test", but offsets in the answer must point into the full document, markup included.
A markup part may carry ``interpretAs`` (e.g. "\\n\\n" for a paragraph tag), which is checked in
its place.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class AnnotationError(ValueError):
    """The annotation is not a list of text and markup parts."""


@dataclass(frozen=True)
class AnnotatedText:
    """The document (markup included), the text to check, and the map between them."""

    document: str
    checked: str
    # For every part: (offset in checked, offset in document, is plain text).
    parts: tuple[tuple[int, int, bool], ...]

    def to_document(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``checked`` to the matching span of ``document``.

        A span that ends where markup begins stops before the markup; one that starts there
        starts after it.
        """
        starts = [part[0] for part in self.parts]
        return self._map(starts, start, bisect_right), self._map(starts, end, bisect_left)

    def _map(self, starts: list[int], offset: int, search: Callable[[list[int], int], int]) -> int:
        index = max(search(starts, offset) - 1, 0)
        checked_start, document_start, is_text = self.parts[index]
        return document_start + (offset - checked_start if is_text else 0)


def plain(text: str) -> AnnotatedText:
    """A text with no markup: document and checked text are the same."""
    return AnnotatedText(text, text, ((0, 0, True),))


def parse_annotation(items: Any) -> AnnotatedText:
    """Build an :class:`AnnotatedText` from LanguageTool's ``annotation`` list."""
    if not isinstance(items, Sequence) or isinstance(items, str):
        raise AnnotationError("annotation must be a list of {text} or {markup} objects")
    document: list[str] = []
    checked: list[str] = []
    parts: list[tuple[int, int, bool]] = []
    document_length = checked_length = 0
    for item in items:
        if not isinstance(item, Mapping):
            raise AnnotationError("each annotation part must be an object")
        if isinstance(item.get("text"), str):
            shown, checked_part, is_text = item["text"], item["text"], True
        elif isinstance(item.get("markup"), str):
            interpret = item.get("interpretAs", "")
            if not isinstance(interpret, str):
                raise AnnotationError("interpretAs must be a string")
            shown, checked_part, is_text = item["markup"], interpret, False
        else:
            raise AnnotationError("each annotation part needs a text or markup string")
        parts.append((checked_length, document_length, is_text))
        document.append(shown)
        checked.append(checked_part)
        document_length += len(shown)
        checked_length += len(checked_part)
    return AnnotatedText("".join(document), "".join(checked), tuple(parts))
