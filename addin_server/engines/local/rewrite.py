"""Rewrites without a model: deterministic transforms chosen by tone, formality and length.

Every rewrite first applies the fixes a check is sure of: every correctness issue's first
replacement (the engine orders them in context; a spelling guess only where it is one or
two edits from a word of some length, so an unknown term is not swapped for a far-off
word; fixes are applied in rounds, since one can uncover another), and each
rule of the organisation's style guide with exactly one replacement. Then the tone's recipe
(its record in :mod:`addin_server.tones`, data in ``tones.toml``):

* its steps: the fixes of rules (hedges, wordiness...) or a named transform ("plain words");
  ``length: shorter`` takes the steps of the "concise" tone too;
* formality (the slider plus the tone's shift) of 1 or more expands contractions, replaces
  informal words and quantities and calms exclamation runs; at 2 an exclamation becomes a
  full stop. At -1 or less it uses the common contractions; at -2 everyday words too;
* its last steps (splitting long sentences, once the words are final).

What cannot be done honestly without a model ("persuasive", "empathetic", most of
"academic", a longer text, a free-form instruction) is said in ``warnings``, never faked. The
edits are computed from the original and the result by :func:`text.diff.word_edits`. Each step
is checked again and an edit that makes a correctness issue is dropped
(:mod:`engines.local.recheck`); a tone that changes nothing says so (``tone-no-change``). In
Markdown (``markup``) the rules read the prose only and no edit may change the markup
(:mod:`engines.local.transforms.markup`)."""

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
from addin_server.tones import LocalRecipe, Tone, find

ENGINE = "local"
# The warning of a check in a language the local engine does not know: nothing to rewrite.
NOT_CHECKED = "language-not-checked"
# A shorter length takes the steps of this tone, whatever the tone asked.
SHORTER = "concise"
# Correctness rules whose fixes a rewrite does not apply unasked: on JFLEG (QUALITY.md) a
# human corrector agreed with fewer than one in five ("todays" -> "to days").
UNSURE_RULES = frozenset({"harper.SplitWords"})
# Rounds of sure fixes, each on the text the last one left.
FIX_ROUNDS = 3

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
    tone = find(options.tone)
    recipe = tone.local if tone else LocalRecipe()
    formality = max(-2, min(2, options.formality + recipe.formality))
    markdown = options.markup is Markup.MARKDOWN
    named = _named_transforms(markdown)
    # Keyed by name: a step two reasons ask for runs once, where it was first asked.
    steps: dict[str, Transform] = {}

    def add(names: Sequence[str]) -> None:
        for name in names:
            if name in named:
                steps[name] = named[name]()
            elif name in rules:
                steps[name] = rule_transform(rules[name], params, markdown)

    shorter = find(SHORTER)
    if options.length is Length.SHORTER and shorter:
        add(shorter.local.steps)
    add(recipe.steps)
    if formality >= 1:
        steps["expand contractions"] = expand_contractions
        add(["formal words"])
        steps["formal quantities"] = formal_quantities
        steps["exclamations"] = no_exclamations if formality >= 2 else calm_exclamations
    if formality <= -1:
        steps["contractions"] = contract
    if formality <= -2:
        add(["plain words"])
    add(recipe.last_steps)
    return list(steps.values()), _notices(options, tone)


def _named_transforms(markdown: bool) -> dict[str, Callable[[], Transform]]:
    """The transforms a tone's recipe may name, besides rule ids (each built when used)."""
    return {
        "plain words": lambda: rule_transform(lexicon_rule("plain_words.tsv"), markdown=markdown),
        "formal words": lambda: rule_transform(lexicon_rule("formal_words.tsv"), markdown=markdown),
        "split sentences": lambda: split_long_sentences,
    }


NAMED_STEPS = frozenset(_named_transforms(markdown=False))


def _notices(options: RewriteOptions, tone: Tone | None) -> list[Notice]:
    notices = []
    if tone and tone.local.available != "fully":
        code = f"tone-{tone.local.available}-available-locally"
        notices.append(notice(code, message(f"notice.{code}.{tone.name}")))
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
