"""Load the JFLEG development set (sources and four references) from the shared folder."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from quality.gleu import Corpus

DEFAULT_DIR = Path(__file__).resolve().parents[1] / ".." / "shared" / "eval" / "jfleg-dev"
FALLBACK_DIR = Path("/work/shared/eval/jfleg-dev")


@dataclass(frozen=True)
class JflegSet:
    """Tokenised source lines and, per line, its tokenised references."""

    sources: list[str]
    references: list[list[str]]

    def corpus(self, limit: int | None = None) -> Corpus:
        """The set as a GLEU corpus (token lists), optionally its first ``limit`` lines."""
        count = len(self.sources) if limit is None else limit
        return Corpus(
            [line.split() for line in self.sources[:count]],
            [[ref.split() for ref in refs] for refs in self.references[:count]],
        )


def find_dir() -> Path:
    """The data folder: ``../shared/eval/jfleg-dev`` beside the checkout, else /work/shared."""
    for candidate in (DEFAULT_DIR.resolve(), FALLBACK_DIR):
        if (candidate / "dev.src").is_file():
            return candidate
    raise FileNotFoundError("JFLEG dev set not found (expected ../shared/eval/jfleg-dev)")


def load(directory: Path | None = None) -> JflegSet:
    """Read ``dev.src`` and ``dev.ref0`` .. ``dev.ref3``."""
    folder = directory or find_dir()
    sources = _lines(folder / "dev.src")
    columns = [_lines(path) for path in sorted(folder.glob("dev.ref*"))]
    if not columns or any(len(column) != len(sources) for column in columns):
        raise ValueError(f"references in {folder} do not line up with dev.src")
    return JflegSet(sources, [list(refs) for refs in zip(*columns, strict=True)])


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").rstrip("\n").split("\n")
