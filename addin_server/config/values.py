"""How each ``ADDIN_*`` value is read: one parser per kind of value, and what each accepts.

A parser takes the variable's text and returns the value, or raises ``ValueError`` with a
sentence that says what is wrong and, where it helps, how to fix it; :mod:`.fields` adds the
variable's name. Parsers never echo a secret.

Every parser a setting uses says what it accepts (:class:`Accepts`, registered with
:func:`accepts` or made by :func:`choice`): the configuration reference prints it, and
tests/docs probe the parser with it, so the reference states the values the code takes.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar


@dataclass(frozen=True)
class Range:
    """The numbers a parser accepts: from ``low`` (above it when ``open_low``) up to ``high``
    (no end when ``None``)."""

    low: float
    high: float | None = None
    open_low: bool = False

    def words(self) -> str:
        """The range in the reference's words: ``0 to 10``, ``1 or more``."""
        if self.high is None:
            return f"more than {_number(self.low)}" if self.open_low else f"{self.low:g} or more"
        if self.open_low:
            return f"more than {_number(self.low)}, up to {_number(self.high)}"
        return f"{_number(self.low)} to {_number(self.high)}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 100_000 else f"{value:g}"


@dataclass(frozen=True)
class Accepts:
    """What a parser takes, as the reference states it: the kind of value (its type), the
    choices and the range it accepts, and a note for what those do not say."""

    kind: str
    choices: tuple[str, ...] = ()
    range: Range | None = None
    note: str = ""

    def words(self) -> str:
        """``1 to 65535``; ```on`, `off` or `disabled```; ```auto`, or 0 or more``."""
        bounds = self.range.words() if self.range else ""
        said = ", or ".join(part for part in (_either(self.choices), bounds) if part)
        return "; ".join(part for part in (said, self.note) if part)


def _either(choices: tuple[str, ...]) -> str:
    """```a`, `b` or `c```."""
    quoted = [f"`{choice}`" for choice in choices]
    return " or ".join([", ".join(quoted[:-1]), quoted[-1]]) if len(quoted) > 1 else "".join(quoted)


# What each parser accepts, by the parser.
ACCEPTS: dict[Callable[[str], object], Accepts] = {}

Parser = TypeVar("Parser", bound=Callable[[str], object])


def accepts(kind: str, *, range: Range | None = None, note: str = "") -> Callable[[Parser], Parser]:
    """Register what the decorated parser accepts."""

    def register(parse: Parser) -> Parser:
        ACCEPTS[parse] = Accepts(kind, range=range, note=note)
        return parse

    return register


def choice(*options: str, refusal: str, upper: bool = False) -> Callable[[str], str]:
    """A parser that takes one of ``options`` (in any case) and refuses anything else with
    ``refusal``."""

    def parse(raw: str) -> str:
        value = raw.strip().upper() if upper else raw.strip().lower()
        if value not in options:
            raise ValueError(refusal)
        return value

    ACCEPTS[parse] = Accepts("choice", choices=options)
    return parse


def whole_number(raw: str) -> int:
    try:
        return int(raw.strip().replace("_", ""))
    except ValueError:
        raise ValueError("must be a whole number") from None


def _within(low: int, high: int, refusal: str) -> Callable[[str], int]:
    """A parser of whole numbers from ``low`` to ``high``."""

    @accepts("whole number", range=Range(low, high))
    def parse(raw: str) -> int:
        value = whole_number(raw)
        if not low <= value <= high:
            raise ValueError(refusal)
        return value

    return parse


@accepts("whole number", range=Range(1))
def positive_int(raw: str) -> int:
    value = whole_number(raw)
    if value <= 0:
        raise ValueError("must be a positive whole number")
    return value


@accepts("whole number", range=Range(0))
def whole_or_zero(raw: str) -> int:
    value = whole_number(raw)
    if value < 0:
        raise ValueError("must be 0 (no limit) or a positive whole number")
    return value


port = _within(1, 65535, "must be a TCP port between 1 and 65535")
connection_limit = _within(10, 10_000, "must be a number of connections between 10 and 10000")
token_count = _within(256, 10_000_000, "must be a number of tokens between 256 and 10000000")
paragraph_count = _within(1, 10_000, "must be a number of paragraphs between 1 and 10000")
retries = _within(0, 10, "must be a whole number between 0 and 10")


def in_flight(raw: str) -> int | str:
    value = raw.strip().lower()
    return "auto" if value == "auto" else whole_or_zero(value)


ACCEPTS[in_flight] = Accepts("whole number", choices=("auto",), range=Range(0))

_SIZE_UNITS = {"": 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2}


@accepts("bytes", range=Range(1), note="a unit may follow: `KB`, `KiB`, `MB`, `MiB`")
def byte_size(raw: str) -> int:
    match = re.fullmatch(r"\s*(\d[\d_]*)\s*([a-zA-Z]*)\s*", raw)
    if not match or match.group(2).lower() not in _SIZE_UNITS:
        raise ValueError("must be a size in bytes, such as 8388608 or 8MiB")
    value = int(match.group(1).replace("_", "")) * _SIZE_UNITS[match.group(2).lower()]
    if value <= 0:
        raise ValueError("must be more than zero bytes")
    return value


@accepts("seconds", range=Range(0, 3600, open_low=True), note="fractions too, such as `0.5`")
def seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("must be a number of seconds") from None
    if not 0 < value <= 3600:
        raise ValueError("must be a number of seconds between 0 and 3600")
    return value


@accepts("flag", note="`1` or `0` (also `true`/`false`, `yes`/`no`, `on`/`off`)")
def flag(raw: str) -> bool:
    value = raw.strip().lower()
    if value not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
        raise ValueError("must be 1 or 0 (or true/false, yes/no, on/off)")
    return value in ("1", "true", "yes", "on")


@accepts("text", note="any")
def text(raw: str) -> str:
    return raw.strip()


@accepts("language tag", note="such as `en-US` or `en-GB`")
def language(raw: str) -> str:
    value = raw.strip()
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValueError("must be a language tag such as en-US")
    return value


server = choice("waitress", "gunicorn", refusal="must be waitress or gunicorn")
log_level = choice(
    "DEBUG",
    "INFO",
    "WARNING",
    "ERROR",
    "CRITICAL",
    refusal="must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL",
    upper=True,
)
encoding_name = choice("o200k_base", "cl100k_base", refusal="must be o200k_base or cl100k_base")
live_check = choice(
    "on",
    "off",
    "disabled",
    refusal="must be on (writers start with it on), off (they may turn it on) or disabled",
)
live_engine = choice(
    "local",
    "auto",
    refusal="must be local (never the model) or auto (the server's default engine)",
)
authorship_marks = choice(
    "removable",
    "required",
    refusal="must be removable (writers may remove Penwise's marks from a document) or "
    "required (the marks stay)",
)
response_format = choice(
    "auto",
    "json_schema",
    "json_object",
    "none",
    refusal="must be auto, json_schema, json_object or none",
)

_ORIGIN = re.compile(r"(https?)://(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?")


@accepts(
    "list of origins",
    note="comma-separated `scheme://host[:port]` or `https://*.example.org`, or `none`; never `*`",
)
def origins(raw: str) -> tuple[str, ...]:
    parts = [part.strip().lower().rstrip("/") for part in raw.split(",") if part.strip()]
    if parts == ["none"]:  # same-origin only: the server's own pages need no CORS
        return ()
    for part in parts:
        if part in ("*", "null"):
            raise ValueError(
                f"'{part}' would let any web page read the writer's text through the "
                "writer's browser; list origins such as https://*.googleusercontent.com"
            )
        if not _ORIGIN.fullmatch(part):
            raise ValueError(
                f"{part!r} is not an origin: write scheme://host[:port] or "
                "https://*.example.com, without a path"
            )
    return tuple(parts)


# What ``loopback`` stands for in ADDIN_TRUSTED_PROXIES.
LOOPBACK = ("127.0.0.0/8", "::1/128")
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(entries: Iterable[str]) -> tuple[Network, ...]:
    """``entries`` (addresses or networks, ``loopback`` for both loopbacks) as networks;
    :class:`ValueError` names an entry that is neither."""
    networks: list[Network] = []
    for entry in entries:
        for part in LOOPBACK if entry == "loopback" else (entry,):
            try:
                networks.append(ipaddress.ip_network(part, strict=False))
            except ValueError:
                raise ValueError(
                    f"{part!r} is not an IP address or network (such as 10.0.0.5 or "
                    "10.0.0.0/24); write loopback for this machine, none for no proxy"
                ) from None
    return tuple(networks)


@accepts(
    "list of addresses",
    note="comma-separated addresses or networks (`10.0.0.0/24`), `loopback` or `none`",
)
def proxies(raw: str) -> tuple[str, ...]:
    parts = tuple(part.strip().lower() for part in raw.split(",") if part.strip())
    if parts == ("none",):
        return ()
    if not parts:
        raise ValueError("must be loopback, none, or proxies' addresses or networks")
    parse_networks(parts)  # a ValueError names the entry
    return parts


@accepts("list of keys", note="comma-separated, 16 characters or more per key")
def api_keys(raw: str) -> tuple[str, ...]:
    keys = tuple(part.strip() for part in raw.split(",") if part.strip())
    if any(len(key) < 16 for key in keys):
        raise ValueError(
            "every key needs at least 16 characters; make one with "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return keys


def read_key_hashes(path: str) -> tuple[str, ...]:
    """Read the SHA-256 hex hashes of an API-key file: one per line, optionally followed by a
    label (``sha256sum`` prints ``HASH  -``), ``#`` comments and blank lines ignored."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"cannot read the file ({error.__class__.__name__})") from None
    hashes = []
    for number, line in enumerate(lines, start=1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        # Never quote the line: someone may have pasted a key instead of its hash.
        if not re.fullmatch(r"[0-9a-fA-F]{64}", words[0]):
            raise ValueError(
                f"line {number} is not a SHA-256 hash (64 hex digits); "
                'make one with: printf %s "$KEY" | sha256sum'
            )
        hashes.append(words[0].lower())
    if not hashes:
        raise ValueError("holds no key hashes; the server would be open to anyone")
    return tuple(hashes)


@accepts("file path", note="a readable file of SHA-256 hashes, one or more")
def key_file(raw: str) -> str:
    path = raw.strip()
    if path:
        read_key_hashes(path)  # a bad file stops start-up here, naming the variable
    return path


@accepts("file path", note="an existing file")
def existing_file(raw: str) -> str:
    path = raw.strip()
    if path and not Path(path).is_file():
        raise ValueError("no such file")
    return path


@accepts("folder path", note="an existing folder the server can write in")
def existing_folder(raw: str) -> str:
    path = raw.strip()
    if path and not Path(path).is_dir():
        raise ValueError("no such folder")
    if path and not os.access(path, os.W_OK | os.X_OK):
        raise ValueError("the server cannot write in this folder")
    return path


def _url(pattern: str, note: str, refusal: str) -> Callable[[str], str]:
    """A parser of URLs that match ``pattern`` (or of nothing: empty means unset)."""

    @accepts("URL", note=note)
    def parse(raw: str) -> str:
        value = raw.strip()
        if value and not re.fullmatch(pattern, value):
            raise ValueError(refusal)
        return value

    return parse


url = _url(
    r"https?://[^\s/]+(/\S*)?",
    "`http://` or `https://`",
    "must be an http:// or https:// URL such as http://127.0.0.1:8080/v1",
)
redis_url = _url(
    r"(rediss?|unix)://\S+",
    "`redis://`, `rediss://` or `unix://`",
    "must be a Redis URL such as redis://127.0.0.1:6379/0",
)


@accepts("URL", note="`http://` or `https://`, a path allowed, no `?` or `#`")
def public_url(raw: str) -> str:
    value = url(raw).rstrip("/")
    if re.search(r"[?#]", value):
        raise ValueError("must be the server's base URL, such as https://writer.example.org")
    return value


@accepts("rates", note="`N/second`, `N/minute`, `N/hour` or `N/day`, several joined by `;`")
def rate_limit(raw: str) -> str:
    value = raw.strip()
    if value:
        from limits import parse_many  # flask-limiter's own parser: what it accepts, we accept

        try:
            parse_many(value)
        except ValueError:
            raise ValueError(
                "must be a rate such as 120/minute or 10/second;1000/hour (empty: no limit)"
            ) from None
    return value
