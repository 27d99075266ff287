"""Chat shorthand is informal, not misspelt: "can u send", "btw", "lol" are style offers.

Harper knows no "u" and offers "uh, um, up"; a rewrite that trusted its first guess would
write "can up send". The words are the writer's choice of register, like "ASAP": where the
formal rewrite's table (``transforms/data/formal_words.tsv``, the one list of informal
words) has a form for the shorthand, Harper's spelling error on it becomes a style
suggestion offering that form ("you", "are you", "by the way", or leaving "lol" out).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from addin_server.engines.local.spelling import SPELLING_RULE
from addin_server.engines.local.transforms.lexicon import lexicon_rule
from addin_server.messages.catalog import message, reworded
from addin_server.records import Category, Issue, Severity, Span
from addin_server.rules.base import Document

INFORMAL_WORDS = "formal_words.tsv"


def as_shorthand_offers(text: str, issues: Iterable[Issue]) -> list[Issue]:
    """``issues`` with each spelling error on chat shorthand made a style offer of its
    neutral form (read from the paragraph around it, so guards such as "the letter u" hold)."""
    issues = list(issues)
    offers: dict[Span, Issue] = {}
    for issue in issues:
        if issue.rule_id == SPELLING_RULE and issue.span not in offers:
            offers.update(_offers_in_paragraph(text, issue.span))
    if not offers:
        return issues
    kept, used = [], set()
    for issue in issues:
        offer = next((o for o in offers.values() if o.span.overlaps(issue.span)), None)
        if issue.rule_id != SPELLING_RULE or offer is None:
            kept.append(issue)
        elif offer.span not in used:  # "r u" is one offer, not one per word
            used.add(offer.span)
            kept.append(_offer(text, issue, offer))
    return kept


def _offers_in_paragraph(text: str, span: Span) -> dict[Span, Issue]:
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    end = len(text) if end < 0 else end
    found = lexicon_rule(INFORMAL_WORDS).find(Document(text[start:end]))
    shifted = (offer.shifted(start) for offer in found)
    return {offer.span: offer for offer in shifted if offer.span.overlaps(span)}


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
