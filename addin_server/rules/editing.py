"""Turn "replace this phrase with that" into an edit that leaves the sentence right.

A bare replacement can leave a sentence wrong around it: "Basically, we won." minus
"Basically" is ", we won."; "a very important step" minus "very" is "a important step". The
helpers here widen the span of a fix just enough to keep capitalisation, commas, spacing and
the article ("a"/"an") right, so every rule and every rewrite transform gets it right once.
"""

from __future__ import annotations

import regex

from addin_server.records import Span
from addin_server.rules.casing import match_case

_OPENERS = "\"'“‘«([{"
_CLOSERS = "\"'”’)]»"
_GAP = regex.compile(r",?[ \t]*")
_SENTENCE_END = ".!?…"
_NEXT_WORD = regex.compile(r"[\"'“‘«(\[]*(\w+(?:['’]\w+)*)")
_ARTICLE_BEFORE = regex.compile(r"(?<![\w'’-])(an?|An?|AN?)(\s+)$")
_FIRST_WORD = regex.compile(r"\s*[\"'“‘(]*(\w+)")
# Words that start with a vowel letter but a consonant sound, and the reverse.
_A_BEFORE_VOWEL_LETTER = regex.compile(
    r"^(?:uni(?!n|mp|ns)|use|usu|uti|ura|ure|uro|eu|ewe|one\b|once|ubiq)", regex.IGNORECASE
)
_AN_BEFORE_CONSONANT_LETTER = regex.compile(r"^(?:hour|honest|honou?r|heir)", regex.IGNORECASE)


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
    mark = space
    while mark > 0 and text[mark - 1] in _CLOSERS:
        mark -= 1
    return mark > 0 and text[mark - 1] in _SENTENCE_END and space < position


def replacement_edit(text: str, span: Span, replacement: str) -> tuple[Span, str]:
    """The edit that puts ``replacement`` (case-matched) in place of ``span``."""
    found = text[span.start : span.end]
    return agree_article(text, span, match_case(found, replacement))


def deletion_edit(text: str, span: Span) -> tuple[Span, str] | None:
    """The edit that removes ``span`` and tidies around it, or ``None`` if the sentence would
    be left with nothing."""
    start, end = span.start, span.end
    after = text[end : end + 2]
    if at_sentence_start(text, start):
        gap = _GAP.match(text, end)
        rest = gap.end() if gap else end
        nxt = _NEXT_WORD.match(text, rest)
        if nxt is None:
            return None
        word = nxt.group(1)
        if text[start].isupper() and word.islower():
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


def agree_article(text: str, span: Span, replacement: str) -> tuple[Span, str]:
    """Widen the edit over a preceding "a"/"an" when the word after the edit needs the other
    one ("a very important" minus "very " is "an important")."""
    article = _ARTICLE_BEFORE.search(text, max(0, span.start - 12), span.start)
    if article is None:
        return span, replacement
    following = _FIRST_WORD.match(replacement + text[span.end : span.end + 40])
    if following is None:
        return span, replacement
    wanted = article_for(following.group(1))
    current = article.group(1)
    if wanted is None or wanted == current.lower():
        return span, replacement
    if len(current) > 1 and current.isupper():
        fixed = wanted.upper()
    elif current[0].isupper():
        fixed = wanted.capitalize()
    else:
        fixed = wanted
    return Span(article.start(1), span.end), fixed + article.group(2) + replacement


def article_for(word: str) -> str | None:
    """``"a"`` or ``"an"`` for ``word`` by its first sound; ``None`` when unsure (acronyms,
    numbers)."""
    if not word or not word[0].isalpha() or (len(word) > 1 and word.isupper()):
        return None
    if word[0].lower() in "aeiou":
        return "a" if _A_BEFORE_VOWEL_LETTER.match(word) else "an"
    return "an" if _AN_BEFORE_CONSONANT_LETTER.match(word) else "a"
