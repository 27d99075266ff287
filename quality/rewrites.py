"""`python -m quality rewrites`: what a rewrite leaves of the errors the check flags.

Every tone (and the plain clean-up, no tone) rewrites each text of two corpora with the
local engine: the everyday texts of ``tests/data/everyday`` (an email, a memo, a chat
message, ...), and learner sentences from the held-out half of JFLEG dev (when the set is
there), on which the rewrite path was not tuned. The check counts the correctness issues in
each text before and after: *left* is the share of the errors before that the rewrite did
not fix, which issue 13 asks to keep at one in ten or fewer; *new* counts issues the rewrite
brought in (by rule and flagged words), which must be none. Writes its section of QUALITY.md
between ``<!-- quality:rewrites -->`` markers.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from addin_server.engines.base import CheckOptions, RewriteOptions
from addin_server.engines.local.engine import LocalEngine
from addin_server.records import Category
from addin_server.tones import TONE_NAMES
from quality import jfleg
from quality.sections import replace_section
from quality.tokens import detokenize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "everyday"
SECTION = "rewrites"
# At most this share of the errors the check flags may be left after a rewrite.
TARGET = 0.1
NO_TONE = "(none: clean-up)"
JFLEG_SENTENCES = 150


@dataclass(frozen=True)
class ToneRow:
    """One tone over one corpus."""

    tone: str
    texts: int
    before: int
    after: int
    new: int
    unchanged: int  # texts the tone said it left as they were (``tone-no-change``)
    seconds: float

    @property
    def left(self) -> float:
        """The share of the errors before that the rewrites left."""
        return self.after / self.before if self.before else 0.0

    @property
    def met(self) -> bool:
        """Whether the tone meets the target and brings in no error."""
        return self.left <= TARGET and self.new == 0


def errors(engine: LocalEngine, text: str) -> Counter[tuple[str, str]]:
    """The correctness issues the check flags in ``text``, by rule and flagged words."""
    return Counter(
        (issue.rule_id, text[issue.span.start : issue.span.end])
        for issue in engine.check(text, CheckOptions()).issues
        if issue.category is Category.CORRECTNESS
    )


def measure(
    engine: LocalEngine, texts: Sequence[str], tones: Sequence[str | None]
) -> list[ToneRow]:
    """Rewrite every text in every tone and count the errors before and after."""
    before = [errors(engine, text) for text in texts]
    rows = []
    for tone in tones:
        started = time.perf_counter()
        after = new = unchanged = 0
        for text, found in zip(texts, before, strict=True):
            result = engine.rewrite(text, RewriteOptions(tone=tone))
            left = errors(engine, result.rewritten)
            after += sum(left.values())
            new += sum((left - found).values())
            unchanged += any(n.code == "tone-no-change" for n in result.warnings)
        rows.append(
            ToneRow(
                tone or NO_TONE,
                len(texts),
                sum(sum(found.values()) for found in before),
                after,
                new,
                unchanged,
                time.perf_counter() - started,
            )
        )
    return rows


def render(corpora: Sequence[tuple[str, Sequence[ToneRow]]]) -> str:
    """The QUALITY.md section: per corpus, one row per tone."""
    lines = [
        "## Rewrites: errors the check flags, before and after",
        "",
        "Written by `python -m quality rewrites` (`quality/rewrites.py`); do not edit by hand.",
        "",
        "Each tone rewrites every text with the local engine; the check counts correctness",
        "issues before and after. *left*: the share of the errors before that the rewrites",
        "did not fix (target: at most one in ten); *new*: errors a rewrite brought in",
        "(target: none); *no change*: texts the tone said it left as they were",
        "(`tone-no-change`: the text needed nothing that tone does).",
    ]
    for title, rows in corpora:
        lines += [
            "",
            f"### {title}",
            "",
            "| tone | errors before | after | left | new | no change | target | time |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
        ]
        lines += [
            f"| {row.tone} | {row.before} | {row.after} | {row.left:.1%} | {row.new} | "
            f"{row.unchanged} of {row.texts} | {'met' if row.met else 'not met'} | "
            f"{row.seconds:.1f} s |"
            for row in rows
        ]
    return "\n".join(lines)


def _jfleg_held_out(count: int) -> list[str]:
    """The first ``count`` sentences of JFLEG dev's held-out second half, detokenised."""
    if count <= 0:
        return []
    try:
        sources = jfleg.load().sources
    except FileNotFoundError:
        return []
    middle = len(sources) // 2
    return [detokenize(line) for line in sources[middle : middle + count]]


def main(argv: list[str] | None = None) -> int:
    """Measure every tone on both corpora and write (or only print) the section."""
    parser = argparse.ArgumentParser(prog="python -m quality rewrites", description=__doc__)
    parser.add_argument("--limit", type=int, default=None, help="only the first N texts")
    parser.add_argument("--tones", nargs="*", default=None, help="only these tones")
    parser.add_argument(
        "--jfleg", type=int, default=JFLEG_SENTENCES, help="held-out JFLEG sentences (0: none)"
    )
    parser.add_argument("--output", type=Path, default=ROOT / "QUALITY.md")
    parser.add_argument("--no-write", action="store_true", help="print, do not write")
    args = parser.parse_args(argv)
    paths = sorted(CORPUS.glob("*.txt"))[: args.limit]
    tones = [None, *TONE_NAMES] if args.tones is None else args.tones
    engine = LocalEngine()
    engine.warm_up()
    everyday = [path.read_text(encoding="utf-8") for path in paths]
    kinds = ", ".join(path.stem.replace("_", " ") for path in paths)
    corpora = [
        (
            f"Everyday texts ({len(paths)}: {kinds}; `tests/data/everyday`)",
            measure(engine, everyday, tones),
        )
    ]
    learner = _jfleg_held_out(args.jfleg)
    if learner:
        corpora.append(
            (
                f"Learner sentences ({len(learner)} from the held-out half of JFLEG dev)",
                measure(engine, learner, tones),
            )
        )
    section = render(corpora)
    print(section)
    if not args.no_write:
        document = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        args.output.write_text(replace_section(document, SECTION, section), encoding="utf-8")
    return 0
