"""A Markdown rewrite changes the prose, never the markup.

The transforms read and write plain text; in a Markdown document they could expand a
contraction inside a code block, delete a heading's ``#`` with the word after it, or leave
``****`` where an emphasised word was. :func:`keep_markup` compares the text before and after
a rewrite word by word and keeps only the edits that leave every piece of markup
(:func:`text.markdown_mask.markup_spans`) as it was; an edit may take an emphasis pair away
only with the words it wraps ("is **basically** done" -> "is done").
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from addin_server.records import Edit
from addin_server.text.diff import apply_edits, word_edits
from addin_server.text.markdown_mask import markup_spans

Markup = Sequence[tuple[int, int, bool]]


def keep_markup(before: str, after: str) -> str:
    """``after`` less the edits from ``before`` that change its Markdown markup."""
    if after == before:
        return after
    spans = markup_spans(before)
    edits = word_edits(before, after, join_close=False)
    kept = [edit for edit in edits if _leaves_markup(before, edit, spans)]
    return after if len(kept) == len(edits) else apply_edits(before, kept)


def _empties_emphasis(text: str, edit: Edit, spans: Markup) -> bool:
    """Whether deleting ``edit``'s words would leave an emphasis pair around nothing."""
    start = len(text[: edit.span.start].rstrip())
    end = edit.span.end + len(text[edit.span.end :]) - len(text[edit.span.end :].lstrip())
    delimiter_before = any(emphasis and b == start for _, b, emphasis in spans)
    delimiter_after = any(emphasis and a == end for a, _, emphasis in spans)
    return delimiter_before and delimiter_after


def _leaves_markup(text: str, edit: Edit, spans: Markup) -> bool:
    start, end = edit.span.start, edit.span.end
    touched = [
        (a, b, emphasis)
        for a, b, emphasis in spans
        if (a < end and start < b) or (start == end and a < start < b)
    ]
    if not touched:
        return bool(edit.replacement.strip()) or not _empties_emphasis(text, edit, spans)
    if not all(emphasis and start <= a and b <= end for a, b, emphasis in touched):
        return False
    # Emphasis removed with its words: every delimiter taken must go with its partner.
    delimiters = Counter(text[a:b] for a, b, _ in touched)
    return all(count % 2 == 0 for count in delimiters.values()) and not any(
        delimiter in edit.replacement for delimiter in delimiters
    )
