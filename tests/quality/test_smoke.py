"""A small version of `make quality`: on the first JFLEG sentences the local engine must
score at least as well as Harper alone, in GLEU and per ERRANT's edits, and our grammar
rules must have fixed something."""

from __future__ import annotations

from addin_server.engines.local.engine import LocalEngine
from quality import jfleg
from quality.error_report import measure
from quality.gleu import corpus_gleu
from quality.runner import correct_all
from tests.quality.test_gleu import needs_jfleg

SENTENCES = 60


@needs_jfleg
def test_local_engine_scores_at_least_harper_alone_on_a_sample() -> None:
    data = jfleg.load()
    corpus = data.corpus(SENTENCES)
    sources = data.sources[:SENTENCES]
    harper = correct_all(LocalEngine(rules=()), sources)
    local = correct_all(LocalEngine(), sources)
    harper_score = corpus_gleu(corpus, [result.tokens for result in harper], iterations=100)
    local_score = corpus_gleu(corpus, [result.tokens for result in local], iterations=100)
    grammar_fixes = [
        issue
        for result in local
        for issue in result.issues
        if issue.rule_id.startswith("grammar.") and issue.replacements
    ]
    assert grammar_fixes, "no grammar rule fired on the sample"
    assert local_score >= harper_score
    # Per error type, as make quality measures it: the engine catches more, no less surely.
    per_type = measure(
        corpus.sources,
        corpus.references,
        [result.tokens for result in local],
        [result.tokens for result in harper],
    )
    assert per_type.local.overall.recall > per_type.harper.overall.recall
    assert per_type.local.overall.precision >= per_type.harper.overall.precision
