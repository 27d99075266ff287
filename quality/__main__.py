"""`python -m quality`: score Harper alone and the local engine on JFLEG, write QUALITY.md.

`python -m quality errant` refreshes only the section per error type (quality/error_types.py);
`python -m quality rewrites` measures what rewrites leave of the errors instead
(quality/rewrites.py); each run keeps the other sections of QUALITY.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from addin_server.engines.local.engine import LocalEngine
from quality import error_report, jfleg, rewrites
from quality.attribution import ABLATION_DRAWS, rule_stats
from quality.gap import gap
from quality.gleu import Corpus, corpus_gleu
from quality.report import Halves, Scores, render
from quality.runner import correct_all
from quality.sections import extract, replace_section

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    """Run both systems over the set and write the report (or the rewrites' section)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["rewrites"]:
        return rewrites.main(argv[1:])
    errant_only = argv[:1] == ["errant"]
    parser = argparse.ArgumentParser(prog="python -m quality", description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="score only the first N lines")
    parser.add_argument("--data", type=Path, default=None, help="folder with dev.src, dev.ref*")
    parser.add_argument("--output", type=Path, default=ROOT / "QUALITY.md")
    parser.add_argument("--no-write", action="store_true", help="print, leave QUALITY.md")
    args = parser.parse_args(argv[1:] if errant_only else argv)

    data = jfleg.load(args.data)
    sources = data.sources[: args.limit] if args.limit else data.sources
    corpus = data.corpus(len(sources))
    # Harper alone: its lints and its own order of spelling suggestions, nothing of ours.
    harper, local = LocalEngine(rules=(), context_spelling=False), LocalEngine()
    harper.warm_up()
    local.warm_up()

    started = time.perf_counter()
    harper_out = correct_all(harper, sources)
    seconds_harper = time.perf_counter() - started
    started = time.perf_counter()
    local_out = correct_all(local, sources)
    seconds_local = time.perf_counter() - started

    scores = Scores(
        sentences=len(sources),
        source=corpus_gleu(corpus, corpus.sources),
        harper=corpus_gleu(corpus, [result.tokens for result in harper_out]),
        local=corpus_gleu(corpus, [result.tokens for result in local_out]),
        seconds_harper=seconds_harper,
        seconds_local=seconds_local,
        local_ablation_base=corpus_gleu(
            corpus, [result.tokens for result in local_out], ABLATION_DRAWS
        ),
    )
    halves = Halves(
        source=_halves(corpus, corpus.sources),
        harper=_halves(corpus, [result.tokens for result in harper_out]),
        local=_halves(corpus, [result.tokens for result in local_out]),
    )
    per_type = error_report.measure(
        corpus.sources,
        corpus.references,
        [result.tokens for result in local_out],
        [result.tokens for result in harper_out],
    )
    command = "make quality" if not errant_only else "python -m quality errant"
    errant_section = error_report.render(per_type, command, scores.local)
    old = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
    if errant_only:
        _write(args, replace_section(old, error_report.SECTION, errant_section))
        _print_errant(per_type, args.output)
        print(f"GLEU: Harper alone {scores.harper:.4f}, local {scores.local:.4f}")
        return 0
    stats = rule_stats(corpus, local_out, iterations=ABLATION_DRAWS)
    missing = gap(corpus, local_out, ABLATION_DRAWS)
    report = replace_section(
        render(scores, stats, halves, missing), error_report.SECTION, errant_section
    )
    kept = extract(old, rewrites.SECTION)  # the rewrites' figures are another run's
    _write(args, report + ("\n" + kept + "\n" if kept else ""))
    _print_errant(per_type, args.output)
    print(
        f"GLEU on {scores.sentences} sentences: source {scores.source:.4f}, "
        f"Harper alone {scores.harper:.4f}, local {scores.local:.4f} -> {args.output}"
    )
    return 0


def _write(args: argparse.Namespace, document: str) -> None:
    if args.no_write:
        print(document)
    else:
        args.output.write_text(document, encoding="utf-8")


def _print_errant(run: error_report.ErrantRun, output: Path) -> None:
    for name, scores in (("Harper alone", run.harper), ("local", run.local)):
        total = scores.overall
        print(
            f"ERRANT {name}: P {total.precision:.4f} R {total.recall:.4f} "
            f"F0.5 {total.f05:.4f} ({total.tp} right of {total.tp + total.fp} made, "
            f"{total.fn} missed)"
        )
    print(f"-> {output}")


def _halves(corpus: Corpus, hypotheses: list) -> tuple[float, float]:
    """GLEU on the first and the second half of the set: rules were developed on the first,
    the second is the held-out check."""
    middle = len(hypotheses) // 2
    parts = []
    for part in (slice(0, middle), slice(middle, None)):
        sub = Corpus(corpus.sources[part], corpus.references[part])
        parts.append(corpus_gleu(sub, hypotheses[part]))
    return parts[0], parts[1]


if __name__ == "__main__":
    raise SystemExit(main())
