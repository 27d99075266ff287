"""Rewrites without a model: deterministic transforms chosen by tone, formality and length.

Every rewrite first applies the fixes a check is sure of: every correctness issue's first
replacement (the engine orders them in context; a spelling guess only where it is one or
two edits from a word of some length, so an unknown term is not swapped for a far-off
word; fixes are applied in rounds, since one can uncover another), and each
rule of the organisation's style guide with exactly one replacement. Then:

* formality (the slider, plus +1 for "formal" and "academic", -1 for "friendly", -2 for
  "casual") of 1 or more expands contractions, replaces informal words and quantities and
  calms exclamation runs; at 2 an exclamation becomes a full stop. At -1 or less it uses
  the common contractions; at -2 everyday words too.
* "concise" (or ``length: shorter``) applies the fixes of the wordiness, redundancy,
  weasel-word, nominalisation and cliché rules; "confident" removes hedges; "simple" uses
  plain words and splits long sentences at safe joints.

What cannot be done honestly without a model ("persuasive", "empathetic", most of
"academic", a longer text, a free-form instruction) is said in ``warnings``, never faked. The
edits are computed from the original and the result by :func:`text.diff.word_edits`. Each step
is checked again and an edit that makes a correctness issue is dropped
(:mod:`engines.local.recheck`); a tone that changes nothing says so (``tone-no-change``). In
Markdown (``markup``) the rules read the prose only and no edit may change the markup
(:mod:`engines.local.transforms.markup`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from addin_server.engines.base import CheckOptions, Length, Markup, RewriteOptions
from addin_server.engines.local.recheck import without_new_errors
from addin_server.engines.local.spelling import SPELLING_RULE, edit_distance
from addin_server.engines.local.transforms import Transform, rule_transform
from addin_server.engines.local.transforms.contractions import contract, expand_contractions
from addin_server.engines.local.transforms.lexicon import lexicon_rule
from addin_server.engines.local.transforms.markup import keep_markup
from addin_server.engines.local.transforms.punctuation import calm_exclamations, no_exclamations
from addin_server.engines.local.transforms.quantifiers import formal_quantities
from addin_server.engines.local.transforms.split_sentences import split_long_sentences
from addin_server.messages.catalog import message, notice
from addin_server.records import Category, CheckResult, Edit, Issue, Notice, RewriteResult, Span
from addin_server.rules.base import Rule
from addin_server.rules.guide_rules import is_guide_rule
from addin_server.text.diff import apply_edits, word_edits

ENGINE = "local"
# The warning of a check in a language the local engine does not know: nothing to rewrite.
NOT_CHECKED = "language-not-checked"
TONE_FORMALITY = {"formal": 1, "academic": 1, "friendly": -1, "casual": -2}
CONCISE_RULES = (
    "style.wordiness",
    "style.redundancy",
    "style.weasel_words",
    "style.nominalization",
    "style.cliche",
)
# Correctness rules whose fixes a rewrite does not apply unasked: on JFLEG (QUALITY.md) a
# human corrector agreed with fewer than one in five ("todays" -> "to days").
UNSURE_RULES = frozenset({"harper.SplitWords"})
# Rounds of sure fixes, each on the text the last one left.
FIX_ROUNDS = 3
SIMPLE_RULES = ("style.wordiness", "style.nominalization")
# Tones the local engine cannot honestly produce (its warning, notice.tone-not-available-
# locally.<tone> in the message tables, says what each needs).
NEEDS_A_MODEL = frozenset({"persuasive", "empathetic"})

Check = Callable[[str, CheckOptions], CheckResult]


def rewrite_locally(
    text: str,
    options: RewriteOptions,
    check: Check,
    rules: Sequence[Rule],
    params: Mapping[str, Any] | None = None,
) -> RewriteResult:
    """Rewrite ``text`` as ``options`` ask, with the local engine's transforms."""
    check_options = CheckOptions(language=options.language, markup=options.markup)
    checked = check(text, check_options)
    if any(notice.code == NOT_CHECKED for notice in checked.warnings):
        return RewriteResult(text, (), ENGINE, warnings=checked.warnings)
    transforms, notices = plan(options, {rule.info.id: rule for rule in rules}, params)
    notices[:0] = checked.warnings  # such as over-long runs left as they are
    # Each step is checked again against the text before it (engines.local.recheck): a fix or a
    # transform that makes an error is dropped, so a rewrite never reads worse. A re-check
    # that could not finish (the request's deadline) cannot vouch for a step: the text is
    # answered as it was, and said to be unprocessed.
    try:
        fixed, checked = without_new_errors(
            text,
            _with_sure_fixes(text, checked, _complete(check), check_options),
            _complete(check),
            check_options,
            checked,
        )
        toned = fixed
        for transform in transforms:
            toned = transform(toned)
        if options.markup is Markup.MARKDOWN:
            toned = keep_markup(fixed, toned)
        rewritten, _ = without_new_errors(fixed, toned, _complete(check), check_options, checked)
    except _Unfinished:
        whole = (Span(0, len(text)),)
        return RewriteResult(text, (), ENGINE, warnings=tuple(notices), unprocessed=whole)
    if transforms and rewritten == fixed:
        notices.append(_no_change(options))
    return RewriteResult(
        rewritten,
        word_edits(text, rewritten),
        ENGINE,
        warnings=tuple(notices),
        unprocessed=checked.unprocessed,
    )


def _with_sure_fixes(text: str, checked: CheckResult, check: Check, options: CheckOptions) -> str:
    """``text`` with every sure fix applied, checked again after each round: one fix can
    uncover another ("Infact even" -> "In fact even" asks for "In fact, even"), and a
    spelling guess is ranked better once the words around it are right."""
    for round_ in range(FIX_ROUNDS):
        fixes = [_fix(issue) for issue in checked.issues if is_safe_fix(issue, text)]
        if not fixes:
            break
        fixed = apply_edits(text, fixes)
        text = keep_markup(text, fixed) if options.markup is Markup.MARKDOWN else fixed
        if round_ + 1 < FIX_ROUNDS:
            checked = check(text, options)
    return text


class _Unfinished(Exception):
    """A re-check left part of the text unchecked."""


def _complete(check: Check) -> Check:
    """``check``, raising :class:`_Unfinished` when its answer is incomplete."""

    def complete(text: str, options: CheckOptions) -> CheckResult:
        result = check(text, options)
        if result.incomplete:
            raise _Unfinished
        return result

    return complete


def is_safe_fix(issue: Issue, text: str) -> bool:
    """A fix a rewrite applies unasked: a correctness issue's first replacement (a spelling
    guess only when it is close to the word), or the house style guide's one replacement."""
    if is_guide_rule(issue.rule_id):
        return len(issue.replacements) == 1
    if issue.category is not Category.CORRECTNESS or not issue.replacements:
        return False
    if issue.rule_id in UNSURE_RULES:
        return False
    if issue.rule_id != SPELLING_RULE:
        return True
    word = text[issue.span.start : issue.span.end].lower()
    return edit_distance(word, issue.replacements[0].lower()) <= _max_spelling_edits(word)


def _max_spelling_edits(word: str) -> int:
    """How far a spelling guess may be from ``word`` to be sure: none for a word of one or
    two letters ("u" is not "uh"), one edit up to five letters, then two."""
    return 0 if len(word) < 3 else 1 if len(word) < 6 else 2


def plan(
    options: RewriteOptions, rules: Mapping[str, Rule], params: Mapping[str, Any] | None = None
) -> tuple[list[Transform], list[Notice]]:
    """The transforms ``options`` ask for, in order, and what could not be done."""
    tone = options.tone or ""
    formality = max(-2, min(2, options.formality + TONE_FORMALITY.get(tone, 0)))
    steps: dict[str, Transform] = {}
    markdown = options.markup is Markup.MARKDOWN

    def lexicon(table: str) -> Transform:
        return rule_transform(lexicon_rule(table), markdown=markdown)

    if tone == "concise" or options.length is Length.SHORTER:
        for rule_id in CONCISE_RULES:
            _add_rule(steps, rules, rule_id, params, markdown)
    if tone == "confident":
        _add_rule(steps, rules, "style.hedging", params, markdown)
    if tone == "simple":
        for rule_id in SIMPLE_RULES:
            _add_rule(steps, rules, rule_id, params, markdown)
        steps["plain words"] = lexicon("plain_words.tsv")
    if formality >= 1:
        steps["expand contractions"] = expand_contractions
        steps["formal words"] = lexicon("formal_words.tsv")
        steps["formal quantities"] = formal_quantities
        steps["exclamations"] = no_exclamations if formality >= 2 else calm_exclamations
    if formality <= -1:
        steps["contractions"] = contract
    if formality <= -2:
        steps["plain words"] = lexicon("plain_words.tsv")
    if tone == "simple":
        steps["split sentences"] = split_long_sentences
    return list(steps.values()), _notices(options, tone)


def _add_rule(
    steps: dict[str, Transform],
    rules: Mapping[str, Rule],
    rule_id: str,
    params: Mapping[str, Any] | None,
    markdown: bool,
) -> None:
    if rule_id in rules:
        steps[rule_id] = rule_transform(rules[rule_id], params, markdown)


def _notices(options: RewriteOptions, tone: str) -> list[Notice]:
    notices = []
    if tone in NEEDS_A_MODEL:
        code = "tone-not-available-locally"
        notices.append(notice(code, message(f"notice.{code}.{tone}")))
    elif tone == "academic":
        code = "tone-partly-available-locally"
        notices.append(notice(code, message(f"notice.{code}.academic")))
    if options.length is Length.LONGER:
        code = "length-not-available-locally"
        notices.append(notice(code, message(f"notice.{code}")))
    if options.instruction.strip():
        code = "instruction-needs-a-model"
        notices.append(notice(code, message(f"notice.{code}")))
    return notices


def _no_change(options: RewriteOptions) -> Notice:
    if options.tone:
        return notice("tone-no-change", message("notice.tone-no-change", tone=options.tone))
    return notice("tone-no-change", message("notice.tone-no-change.settings"))


def _fix(issue: Issue) -> Edit:
    return Edit(issue.span, issue.replacements[0])
