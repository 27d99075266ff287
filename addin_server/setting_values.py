"""How each ``ADDIN_*`` value is read: one parser per kind of value.

A parser takes the variable's text and returns the value, or raises ``ValueError`` with a
sentence that says what is wrong and, where it helps, how to fix it; :mod:`addin_server.config`
adds the variable's name. Parsers never echo a secret.
"""

from __future__ import annotations

import os
import re
from pathlib import Path


def whole_number(raw: str) -> int:
    try:
        return int(raw.strip().replace("_", ""))
    except ValueError:
        raise ValueError("must be a whole number") from None


def positive_int(raw: str) -> int:
    value = whole_number(raw)
    if value <= 0:
        raise ValueError("must be a positive whole number")
    return value


def port(raw: str) -> int:
    value = whole_number(raw)
    if not 0 < value < 65536:
        raise ValueError("must be a TCP port between 1 and 65535")
    return value


_SIZE_UNITS = {"": 1, "b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2}


def byte_size(raw: str) -> int:
    match = re.fullmatch(r"\s*(\d[\d_]*)\s*([a-zA-Z]*)\s*", raw)
    if not match or match.group(2).lower() not in _SIZE_UNITS:
        raise ValueError("must be a size in bytes, such as 8388608 or 8MiB")
    value = int(match.group(1).replace("_", "")) * _SIZE_UNITS[match.group(2).lower()]
    if value <= 0:
        raise ValueError("must be more than zero bytes")
    return value


def seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ValueError("must be a number of seconds") from None
    if not 0 < value <= 3600:
        raise ValueError("must be a number of seconds between 0 and 3600")
    return value


def server(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("waitress", "gunicorn"):
        raise ValueError("must be waitress or gunicorn")
    return value


def connection_limit(raw: str) -> int:
    value = whole_number(raw)
    if not 10 <= value <= 10_000:
        raise ValueError("must be a number of connections between 10 and 10000")
    return value


def log_level(raw: str) -> str:
    value = raw.strip().upper()
    if value not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
        raise ValueError("must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
    return value


def language(raw: str) -> str:
    value = raw.strip()
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", value):
        raise ValueError("must be a language tag such as en-US")
    return value


_ORIGIN = re.compile(r"(https?)://(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(:\d{1,5})?")


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


def key_file(raw: str) -> str:
    path = raw.strip()
    if path:
        read_key_hashes(path)  # a bad file stops start-up here, naming the variable
    return path


def text(raw: str) -> str:
    return raw.strip()


def encoding_name(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("o200k_base", "cl100k_base"):
        raise ValueError("must be o200k_base or cl100k_base")
    return value


def token_count(raw: str) -> int:
    value = whole_number(raw)
    if not 256 <= value <= 10_000_000:
        raise ValueError("must be a number of tokens between 256 and 10000000")
    return value


def flag(raw: str) -> bool:
    value = raw.strip().lower()
    if value not in ("1", "0", "true", "false", "yes", "no", "on", "off"):
        raise ValueError("must be 1 or 0 (or true/false, yes/no, on/off)")
    return value in ("1", "true", "yes", "on")


def retries(raw: str) -> int:
    value = whole_number(raw)
    if not 0 <= value <= 10:
        raise ValueError("must be a whole number between 0 and 10")
    return value


def url(raw: str) -> str:
    value = raw.strip()
    if value and not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        raise ValueError("must be an http:// or https:// URL such as http://127.0.0.1:8080/v1")
    return value


def public_url(raw: str) -> str:
    value = url(raw).rstrip("/")
    if re.search(r"[?#]", value):
        raise ValueError("must be the server's base URL, such as https://writer.example.org")
    return value


def redis_url(raw: str) -> str:
    value = raw.strip()
    if value and not re.fullmatch(r"(rediss?|unix)://\S+", value):
        raise ValueError("must be a Redis URL such as redis://127.0.0.1:6379/0")
    return value


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


def whole_or_zero(raw: str) -> int:
    value = whole_number(raw)
    if value < 0:
        raise ValueError("must be 0 (no limit) or a positive whole number")
    return value


def in_flight(raw: str) -> int | str:
    value = raw.strip().lower()
    return "auto" if value == "auto" else whole_or_zero(value)


def existing_file(raw: str) -> str:
    path = raw.strip()
    if path and not Path(path).is_file():
        raise ValueError("no such file")
    return path


def live_check(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("on", "off", "disabled"):
        raise ValueError(
            "must be on (writers start with it on), off (they may turn it on) or disabled"
        )
    return value


def authorship_marks(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("removable", "required"):
        raise ValueError(
            "must be removable (writers may remove Penwise's marks from a document) or "
            "required (the marks stay)"
        )
    return value


def live_engine(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("local", "auto"):
        raise ValueError("must be local (never the model) or auto (the server's default engine)")
    return value


def paragraph_count(raw: str) -> int:
    value = whole_number(raw)
    if not 1 <= value <= 10_000:
        raise ValueError("must be a number of paragraphs between 1 and 10000")
    return value


def existing_folder(raw: str) -> str:
    path = raw.strip()
    if path and not Path(path).is_dir():
        raise ValueError("no such folder")
    if path and not os.access(path, os.W_OK | os.X_OK):
        raise ValueError("the server cannot write in this folder")
    return path


def response_format(raw: str) -> str:
    value = raw.strip().lower()
    if value not in ("auto", "json_schema", "json_object", "none"):
        raise ValueError("must be auto, json_schema, json_object or none")
    return value
