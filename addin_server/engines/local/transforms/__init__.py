"""Deterministic text transforms for the local engine's rewrites.

A transform takes a text and returns it rewritten; the rewrite composes the transforms its
tone and sliders ask for. Most transforms apply the fixes of a rule (our check rules, or a
rule built from a lexicon table here), so a rewrite and a check agree on what is better, and
every change goes through :mod:`rules.editing` for capitalisation, commas, spacing and "a"/"an".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from addin_server.records import Edit
from addin_server.rules.base import Document, Rule
from addin_server.text.diff import apply_edits
from addin_server.text.markdown_mask import mask_markdown

Transform = Callable[[str], str]

# A fix can uncover another ("Basically, actually, we won"): apply a rule's fixes again until
# nothing changes, at most this many times.
MAX_PASSES = 3


def apply_rule(
    rule: Rule, text: str, params: Mapping[str, Any] | None = None, markdown: bool = False
) -> str:
    """Apply the first replacement of every issue ``rule`` finds in ``text``; in Markdown
    the rule reads the prose only (:func:`text.markdown_mask.mask_markdown`: same offsets),
    so a heading's "#" is no word and code is no prose."""
    for _ in range(MAX_PASSES):
        prose = mask_markdown(text) if markdown else text
        document = Document(prose, params=params or {})
        edits: list[Edit] = []
        for issue in sorted(rule.find(document), key=lambda found: found.span):
            if not issue.replacements or document.protected.touches(issue.span):
                continue
            if edits and issue.span.start < edits[-1].span.end:
                continue  # overlaps the previous fix: the next pass gets it
            edits.append(Edit(issue.span, issue.replacements[0]))
        if not edits:
            return text
        text = apply_edits(text, edits)
    return text


def rule_transform(
    rule: Rule, params: Mapping[str, Any] | None = None, markdown: bool = False
) -> Transform:
    """A transform that applies ``rule``'s fixes."""
    return lambda text: apply_rule(rule, text, params, markdown)
