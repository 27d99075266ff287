"""The ``local`` section: the local engine."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from addin_server.config import values
from addin_server.config.fields import setting


@dataclass(frozen=True)
class LocalSettings:
    """The local engine (Harper, spaCy and our rules), which answers every check, and every
    request when no model is configured or the model fails."""

    TITLE: ClassVar[str] = "Local engine"

    long_sentence_words: int = setting(
        35,
        values.positive_int,
        "Sentences with more words than this are flagged (`style.long_sentence`).",
    )
    style_guide: str = setting(
        "",
        values.text,
        "Path to the organization's YAML style guide "
        "([format](local-engine.md#an-organizations-style-guide)); its rules (`guide.<name>`) "
        "apply to every check. Empty for none; an invalid file stops start-up with the line "
        "and the reason.",
    )
    local_chunk_threads: int = setting(
        2,
        values.positive_int,
        "Threads on which the local engine runs Harper, per process: every check, and the "
        "chunks of one long text at once.",
    )
    cache_mb: int = setting(
        64,
        values.whole_or_zero,
        "Size of the local engine's per-paragraph check results, in MB (results and hashes "
        "only, never the text), one cache for all the server's workers (its file, its log and "
        "their index, counted as they are); a re-check redoes only the paragraphs that "
        "changed, whichever worker answers. 0: no cache.",
    )
