"""The configuration tables state the limits the settings enforce (issue 30): each bounded
setting's row says "Accepts …" with the range its parser really has (probed at both ends),
and the rules between settings are in the rows of the settings they stop."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from addin_server import ConfigError, Settings
from addin_server.config import all_variables, values
from tests.docs.blocks import guides

PARSERS = {variable.env: variable.parse for variable in all_variables()}
BOUNDED = [env for env, parse in PARSERS.items() if values.ACCEPTS[parse].range]


def row(variable: str) -> str:
    """The table row of ``variable``, wherever the guides put it."""
    for path in guides():
        found = re.search(rf"^\|\s*`{variable}`\s*\|.*$", path.read_text(encoding="utf-8"), re.M)
        if found:
            return found.group(0)
    raise AssertionError(f"{variable} has no row in the guides' tables")


def _accepted(parse: object, text: str) -> bool:
    try:
        parse(text)  # type: ignore[operator]
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("variable", BOUNDED)
def test_the_row_states_the_range_the_parser_enforces(variable: str) -> None:
    parse = PARSERS[variable]
    limits = values.ACCEPTS[parse].range
    assert limits is not None
    stated = values.ACCEPTS[parse].words().split("; ")[0]  # the choices and the range
    assert f"Accepts {stated}." in row(variable)
    step = 0.001 if limits.open_low else 1
    assert _accepted(parse, _text(limits.low + step))
    assert not _accepted(parse, _text(limits.low - 1))
    assert _accepted(parse, _text(limits.low)) is not limits.open_low
    if limits.high is not None:
        assert _accepted(parse, _text(limits.high))
        assert not _accepted(parse, _text(limits.high + 1))


def _text(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


CHOICES = {
    "ADDIN_SERVER": ("waitress", "gunicorn"),
    "ADDIN_LOG_LEVEL": ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"),
    "ADDIN_LIVE_CHECK": ("on", "off", "disabled"),
    "ADDIN_LIVE_ENGINE": ("local", "auto"),
    "ADDIN_LLM_RESPONSE_FORMAT": ("auto", "json_schema", "json_object", "none"),
    "ADDIN_ENCODING": ("o200k_base", "cl100k_base"),
    "ADDIN_TRUSTED_PROXIES": ("loopback", "none"),
}


@pytest.mark.parametrize("variable", sorted(CHOICES))
def test_the_row_names_every_choice_and_the_parser_takes_no_other(variable: str) -> None:
    parse, text = PARSERS[variable], row(variable)
    for choice in CHOICES[variable]:
        assert choice in text and _accepted(parse, choice), choice
    assert not _accepted(parse, "something-else")


def test_the_rules_between_settings_are_stated_where_they_stop_start_up(tmp_path: Path) -> None:
    cert = tmp_path / "cert.pem"
    cert.write_text("x")
    rules = [  # (the variable whose row states it, what it names, a setting it stops)
        ("ADDIN_REQUEST_DEADLINE", "ADDIN_REQUEST_TIMEOUT", {"ADDIN_REQUEST_DEADLINE": "200"}),
        ("ADDIN_LLM_BASE_URL", "ADDIN_LLM_MODEL", {"ADDIN_LLM_BASE_URL": "http://127.0.0.1:1/v1"}),
        ("ADDIN_TLS_CERT", "ADDIN_TLS_KEY", {"ADDIN_TLS_CERT": str(cert)}),
        ("ADDIN_CORS_ORIGINS", "`*` is refused", {"ADDIN_CORS_ORIGINS": "*"}),
        ("ADDIN_API_KEYS", "16 characters or more", {"ADDIN_API_KEYS": "short"}),
    ]
    for variable, stated, environ in rules:
        assert stated in row(variable), (variable, stated)
        with pytest.raises(ConfigError):
            Settings.load(environ)


def test_each_table_ends_with_a_blank_line() -> None:
    # Markdown reads a line right after a table as one more row: a paragraph or a heading
    # there disappears into the table.
    swallowed = []
    for path in guides():
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, (line, after) in enumerate(itertools.pairwise(lines), 2):
            if line.startswith("|") and after.strip() and not after.startswith("|"):
                swallowed.append(f"{path.name}:{number}")
    assert not swallowed, f"these lines would render as table rows: {swallowed}"
