"""Turn "replace this phrase with that" into an edit that leaves the sentence right.

A bare replacement can leave a sentence wrong around it: "Basically, we won." minus
"Basically" is ", we won."; "a very important step" minus "very" is "a important step". The
helpers here widen the span of a fix just enough to keep capitalisation, commas, spacing and
the article ("a"/"an") right, so every rule and every rewrite transform gets it right once.
"""

from __future__ import annotations

import regex

from addin_server.records import Span
from addin_server.rules.english.articles import article_for
from addin_server.rules.english.casing import match_case
from addin_server.text.words import WORD_PATTERN, is_list_item_start, word_after, word_before

_OPENERS = "\"'“‘«([{"
_CLOSERS = "\"'”’)]»"
_GAP = regex.compile(r",?[ \t]*")
_SENTENCE_END = ".!?…"
_NEXT_WORD = regex.compile(rf"[\"'“‘«(\[]*({WORD_PATTERN})")
_ARTICLE_BEFORE = regex.compile(r"(?<![\w'’-])(an?|An?|AN?)(\s+)$")
_EMPHASIS_BEFORE = regex.compile(r"(?:\*{1,3}|_{1,3}|~~)$")
_FIRST_WORD = regex.compile(r"\s*[\"'“‘(]*(\w+)")


def at_sentence_start(text: str, offset: int) -> bool:
    """Whether ``offset`` begins a sentence (opening quotes and brackets may stand before)."""
    # Walks back character by character: a rule calls this for each match, and slicing the
    # text before the offset would make a long document quadratic.
    position = offset
    while position > 0 and text[position - 1] in _OPENERS:
        position -= 1
    space = position
    while space > 0 and text[space - 1] in " \t":
        space -= 1
    if space == 0 or text[space - 1] in "\n\r":
        return True
    if is_list_item_start(text, text.rfind("\n", 0, space) + 1, position):
        return True  # the first word of a list item: "- Basically, we won."
    mark = space
    while mark > 0 and text[mark - 1] in _CLOSERS:
        mark -= 1
    return mark > 0 and text[mark - 1] in _SENTENCE_END and space < position


def replacement_edit(text: str, span: Span, replacement: str) -> tuple[Span, str]:
    """The edit that puts ``replacement`` (case-matched) in place of ``span``."""
    found = text[span.start : span.end]
    if _is_abbreviation(found) and " " in replacement and not _shouted(text, span):
        # "reply ASAP" is "reply as soon as possible": an initialism's capitals spell
        # letters, not emphasis, so its expansion takes the case of its place.
        cased = replacement[:1].upper() if at_sentence_start(text, span.start) else replacement[:1]
        return agree_article(text, span, cased + replacement[1:])
    return agree_article(text, span, match_case(found, replacement))


def _shouted(text: str, span: Span) -> bool:
    """Whether a word next to ``span`` is in capitals too ("PLEASE REPLY ASAP")."""
    neighbours = (word_before(text, span.start), word_after(text, span.end))
    return any(word is not None and _is_abbreviation(word) for word in neighbours)


def _is_abbreviation(word: str) -> bool:
    """A single all-caps word of two letters or more ("ASAP", "FYI"), not shouted prose."""
    return len(word) > 1 and word.isalpha() and word.isupper()


def deletion_edit(text: str, span: Span) -> tuple[Span, str] | None:
    """The edit that removes ``span`` and tidies around it, or ``None`` if the sentence would
    be left with nothing."""
    start, end = _with_markup(text, span)
    after = text[end : end + 2]
    if at_sentence_start(text, start):
        gap = _GAP.match(text, end)
        rest = gap.end() if gap else end
        nxt = _NEXT_WORD.match(text, rest)
        if nxt is None:
            return None
        word = nxt.group(1)
        if text[span.start].isupper() and word.islower():
            return Span(start, nxt.end(1)), text[rest : nxt.start(1)] + word[0].upper() + word[1:]
        return agree_article(text, Span(start, rest), "")
    before = text[max(0, start - 2) : start]
    if before.endswith(", ") and after.startswith(","):
        return Span(start - 2, end + 1), ""
    if after[:1] in (*_SENTENCE_END, ",", ";", ":") and before.endswith(" "):
        trim = 2 if before.endswith(", ") else 1
        return Span(start - trim, end), ""
    if after.startswith(" "):
        return agree_article(text, Span(start, end + 1), "")
    if before.endswith(" "):
        return Span(start - 1, end), ""
    return agree_article(text, span, "")


def _with_markup(text: str, span: Span) -> tuple[int, int]:
    """Widen a deletion over the emphasis that wraps exactly it: deleting "basically" from
    "is **basically** done" must not leave "is **** done"."""
    start, end = span.start, span.end
    opening = _EMPHASIS_BEFORE.search(text, max(0, start - 3), start)
    if opening and text.startswith(opening.group(), end):
        return start - len(opening.group()), end + len(opening.group())
    return start, end


def agree_article(text: str, span: Span, replacement: str) -> tuple[Span, str]:
    """Widen the edit over a preceding "a"/"an" when the word after the edit needs the other
    one ("a very important" minus "very " is "an important")."""
    article = _ARTICLE_BEFORE.search(text, max(0, span.start - 12), span.start)
    if article is None:
        return span, replacement
    following = _FIRST_WORD.match(replacement + text[span.end : span.end + 40])
    if following is None:
        return span, replacement
    current = article.group(1)
    # "A VERY UGLY DAY": capitals after a capital article may be shouting, not an initialism.
    wanted = article_for(following.group(1), in_capitals=current.isupper())
    if wanted is None or wanted == current.lower():
        return span, replacement
    if len(current) > 1 and current.isupper():
        fixed = wanted.upper()
    elif current[0].isupper():
        fixed = wanted.capitalize()
    else:
        fixed = wanted
    return Span(article.start(1), span.end), fixed + article.group(2) + replacement
