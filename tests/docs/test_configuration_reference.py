"""docs/configuration.md is written from the settings (``make docs``) and says what the code
does: every variable once, in its section, with the default the deployments rely on
(tests/data/settings_contract.json); each parser takes exactly what its row says it accepts
(probed at both ends of its range, every choice); the rules between settings are stated in
the rows of the settings they stop."""

from __future__ import annotations

import difflib
import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from addin_server import ConfigError, Settings
from addin_server.config import all_variables, sections, variables
from addin_server.config.reference import render
from tests.conftest import ROOT
from tests.docs.blocks import guides
from tests.test_settings_contract import accepted, contract, number_text

REFERENCE = ROOT / "docs" / "configuration.md"
CONTRACT = contract()
_ROW = re.compile(r"^\| `(ADDIN_\w+)` \| ([^|]*) \|", re.M)


def test_the_reference_is_up_to_date() -> None:
    written, wanted = REFERENCE.read_text(encoding="utf-8"), render()
    if written != wanted:
        diff = difflib.unified_diff(
            written.splitlines(),
            wanted.splitlines(),
            "docs/configuration.md",
            "the settings",
            lineterm="",
        )
        shown = "\n".join(itertools.islice(diff, 12))
        pytest.fail(f"docs/configuration.md is out of date: run `make docs`\n{shown}")


def rows_by_section() -> dict[str, list[str]]:
    """The variables of the reference's rows, under each ``##`` heading."""
    found: dict[str, list[str]] = {}
    for part in re.split(r"^## ", REFERENCE.read_text(encoding="utf-8"), flags=re.M)[1:]:
        title, _, body = part.partition("\n")
        found[title] = [row.group(1) for row in _ROW.finditer(body)]
    return found


def test_every_variable_has_one_row_in_its_section() -> None:
    listed = list(itertools.chain.from_iterable(rows_by_section().values()))
    recorded = [row["variable"] for row in CONTRACT["variables"]]
    assert sorted(listed) == recorded  # each once, none missing, none made up
    assert rows_by_section() == {
        section.TITLE: [variable.env for variable in variables(section)]
        for _, section in sections()
    }


def test_each_row_states_the_default_deployments_rely_on() -> None:
    stated = {row.group(1): row.group(2).strip() for row in _ROW.finditer(REFERENCE.read_text())}
    for row in CONTRACT["variables"]:
        default = f"`{row['default']}`" if row["default"] and not row["secret"] else ""
        assert stated[row["variable"]] == default, row["variable"]


def row_of(variable: str) -> str:
    found = re.search(rf"^\| `{variable}` \|.*$", REFERENCE.read_text(encoding="utf-8"), re.M)
    assert found, f"{variable} has no row in docs/configuration.md"
    return found.group(0)


def test_a_secret_row_shows_no_value_and_says_so() -> None:
    for variable in all_variables():
        if variable.secret:
            assert row_of(variable.env).startswith(f"| `{variable.env}` |  |")
            assert "Never logged or shown." in row_of(variable.env)


RANGED = [variable for variable in all_variables() if variable.accepts.range]
CHOOSING = [variable for variable in all_variables() if variable.accepts.choices]


@pytest.mark.parametrize("variable", RANGED, ids=lambda variable: variable.env)
def test_a_parser_takes_the_range_its_row_states(variable: Any) -> None:
    parse, limits = variable.parse, variable.accepts.range
    assert variable.accepts.words() in row_of(variable.env)
    step = 0.001 if limits.open_low else 1
    assert accepted(parse, number_text(limits.low + step))
    assert not accepted(parse, number_text(limits.low - 1))
    assert accepted(parse, number_text(limits.low)) is not limits.open_low
    if limits.high is not None:
        assert accepted(parse, number_text(limits.high))
        assert not accepted(parse, number_text(limits.high + 1))


@pytest.mark.parametrize("variable", CHOOSING, ids=lambda variable: variable.env)
def test_a_parser_takes_each_choice_its_row_names_and_no_other(variable: Any) -> None:
    for choice in variable.accepts.choices:
        assert f"`{choice}`" in row_of(variable.env) and accepted(variable.parse, choice)
    assert not accepted(variable.parse, "something-else")


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
        assert stated in row_of(variable), (variable, stated)
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
