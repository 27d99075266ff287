"""Chat shorthand is informal, not misspelt: "can u send", "btw", "lol" are style offers.

Harper knows no "u" and offers "uh, um, up"; a rewrite that trusted its first guess would
write "can up send". The words are the writer's choice of register, like "ASAP": where the
formal rewrite's table (``transforms/data/formal_words.tsv``, the one list of informal
words) has a form for the shorthand, Harper's spelling error on it becomes a style
suggestion offering that form ("you", "are you", "by the way", or leaving "lol" out).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from addin_server.engines.local.spelling import SPELLING_RULE
from addin_server.engines.local.transforms.lexicon import lexicon_rule
from addin_server.messages.catalog import message, reworded
from addin_server.records import Category, Issue, Severity, Span
from addin_server.rules.base import Document
from addin_server.text.protected import ProtectedIndex
from addin_server.text.words import WORD

INFORMAL_WORDS = "formal_words.tsv"
_NOTHING = ProtectedIndex([])


def as_shorthand_offers(
    text: str, issues: Iterable[Issue], protected: ProtectedIndex | None = None
) -> list[Issue]:
    """``issues`` with each spelling error on chat shorthand made a style offer of its
    neutral form (read from the paragraph around it, so guards such as "the letter u" hold);
    ``protected``: the text's protected stretches, when the caller has found them.

    What it costs does not grow with the errors: a paragraph is read once, however many
    errors it holds, and only when one of them is a word of the table; each error then finds
    its offer by a binary search.
    """
    issues = list(issues)
    table = _table_words()
    offers: list[Issue] = []
    read: set[int] = set()
    for issue in issues:
        if issue.rule_id != SPELLING_RULE:
            continue
        if text[issue.span.start : issue.span.end].lower() not in table:
            continue
        start = text.rfind("\n", 0, issue.span.start) + 1
        if start not in read:
            read.add(start)
            offers.extend(_offers_in_paragraph(text, start, protected))
    if not offers:
        return issues
    offers.sort(key=lambda offer: offer.span.start)
    starts = [offer.span.start for offer in offers]
    kept, used = [], set()
    for issue in issues:
        offer = _overlapping(offers, starts, issue.span) if issue.rule_id == SPELLING_RULE else None
        if offer is None:
            kept.append(issue)
        elif offer.span not in used:  # "r u" is one offer, not one per word
            used.add(offer.span)
            kept.append(_offer(text, issue, offer))
    return kept


@cache
def _table_words() -> frozenset[str]:
    """Every word of the table's phrases: a spelling error on any other is no shorthand."""
    phrases = lexicon_rule(INFORMAL_WORDS).table.phrases
    return frozenset(word.lower() for phrase in phrases for word in WORD.findall(phrase))


def _offers_in_paragraph(text: str, start: int, protected: ProtectedIndex | None) -> list[Issue]:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    if protected is None:
        found = lexicon_rule(INFORMAL_WORDS).find(Document(text[start:end]))
        return [offer.shifted(start) for offer in found]
    # The text's stretches are known: the paragraph is not searched for them again.
    document = Document(text[start:end], known_protected=_NOTHING)
    shifted = (offer.shifted(start) for offer in lexicon_rule(INFORMAL_WORDS).find(document))
    return [offer for offer in shifted if not protected.touches(offer.span)]


def _overlapping(offers: list[Issue], starts: list[int], span: Span) -> Issue | None:
    """The offer (of ``offers``, apart and in order) that overlaps ``span``, if any."""
    index = bisect_left(starts, span.end) - 1
    if index >= 0 and offers[index].span.overlaps(span):
        return offers[index]
    return None


def _offer(text: str, issue: Issue, offer: Issue) -> Issue:
    word = text[offer.span.start : offer.span.end].strip()
    neutral = next((r.strip() for r in offer.replacements if r.strip()), "")
    said = (
        message("harper.SpellCheck.shorthand", word=word, preferred=neutral)
        if neutral
        else message("harper.SpellCheck.shorthand.drop", word=word)
    )
    offered = replace(
        issue,
        category=Category.STYLE,
        kind="informal",
        severity=Severity.SUGGESTION,
        span=offer.span,
        replacements=offer.replacements,
    )
    return reworded(offered, said)
