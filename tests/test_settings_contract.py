"""The ``ADDIN_*`` variables are a contract with every deployment: their names, defaults,
fallbacks and error messages must not change when the code that reads them does.

``tests/data/settings_contract.json`` was recorded from the settings before they were
grouped in sections (issue 26) and is checked in: for every variable its name, the setting it
overrides in ``create_app(config)``, its default as the variable spells it, its fallback
variable, whether it is secret, and the exact message start-up stops with for invalid values
derived from the kind of value it takes (a word where a number or a choice is expected, a
number just outside the range); then the rules between settings. The test reads the same
facts from the code and compares, and sends the recorded invalid values again. Record the
file again only for a change meant to reach every deployment:
``.venv/bin/python -m tests.test_settings_contract``.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable
from typing import Any

import pytest

from addin_server import ConfigError, Settings
from addin_server.config import all_variables, values
from tests.conftest import ROOT

CONTRACT = ROOT / "tests" / "data" / "settings_contract.json"

# A word where a number, a choice, a URL, an address or a file is expected.
WORD = "many"
# What each rule between settings stops, as the variables a deployment would set.
RULES: list[dict[str, str]] = [
    {"ADDIN_REQUEST_DEADLINE": "200"},
    {"ADDIN_REQUEST_DEADLINE": "30", "ADDIN_REQUEST_TIMEOUT": "30"},
    {"ADDIN_TLS_CERT": "pyproject.toml"},
    {"ADDIN_TLS_KEY": "pyproject.toml"},
    {"ADDIN_LLM_BASE_URL": "http://127.0.0.1:1/v1"},
]


@dataclasses.dataclass(frozen=True)
class Declared:
    """What the code declares about one variable."""

    variable: str
    override: str  # the key of create_app(config) and Settings.load(overrides)
    default: str
    fallback: str | None
    secret: bool
    parse: Callable[[str], Any]


def declared() -> list[Declared]:
    """Every variable the settings read, as the code declares it."""
    return [
        Declared(var.env, var.name, var.default_text, var.fallback_env, var.secret, var.parse)
        for var in all_variables()
    ]


def invalid_values(parse: Callable[[str], Any]) -> list[str]:
    """Values of the kind ``parse`` reads that it refuses: a word, and a number just outside
    each end of its range; none for free text."""
    limits = values.ACCEPTS[parse].range
    candidates = [WORD]
    if limits is not None:
        candidates.append(number_text(limits.low if limits.open_low else limits.low - 1))
        if limits.high is not None:
            candidates.append(number_text(limits.high + 1))
    return [value for value in candidates if not accepted(parse, value)]


def number_text(value: float) -> str:
    """A number as a variable would spell it: ``10`` for 10.0."""
    return str(int(value)) if float(value).is_integer() else str(value)


def accepted(parse: Callable[[str], Any], text: str) -> bool:
    """Whether ``parse`` takes ``text``."""
    try:
        parse(text)
    except ValueError:
        return False
    return True


def error(environ: dict[str, str]) -> str:
    """The message start-up stops with for ``environ``."""
    with pytest.raises(ConfigError) as raised:
        Settings.load(environ)
    return str(raised.value)


def record() -> dict[str, Any]:
    """The contract as the code states it now."""
    variables = [
        {
            "variable": item.variable,
            "override": item.override,
            "default": item.default,
            "fallback": item.fallback,
            "secret": item.secret,
            "invalid": [
                {"value": value, "error": error({item.variable: value})}
                for value in invalid_values(item.parse)
            ],
        }
        for item in declared()
    ]
    rules = [{"environ": environ, "error": error(environ)} for environ in RULES]
    return {"variables": sorted(variables, key=lambda row: row["variable"]), "rules": rules}


def contract() -> dict[str, Any]:
    """The contract as recorded; empty only while it is being recorded for the first time."""
    if not CONTRACT.exists() and __name__ == "__main__":
        return {"variables": [], "rules": []}
    recorded: dict[str, Any] = json.loads(CONTRACT.read_text(encoding="utf-8"))
    return recorded


def test_the_same_variables_are_read() -> None:
    recorded = [row["variable"] for row in contract()["variables"]]
    assert sorted(item.variable for item in declared()) == recorded


@pytest.mark.parametrize("row", contract()["variables"], ids=lambda row: row["variable"])
def test_each_variable_keeps_its_default_fallback_and_errors(row: dict[str, Any]) -> None:
    item = next(item for item in declared() if item.variable == row["variable"])
    assert (item.override, item.default, item.fallback, item.secret) == (
        row["override"],
        row["default"],
        row["fallback"],
        row["secret"],
    )
    if row["default"]:  # the default declared is what an unset variable means
        assert Settings.load({row["variable"]: row["default"]}) == Settings.load({})
    for case in row["invalid"]:
        assert error({row["variable"]: case["value"]}) == case["error"]
        with pytest.raises(ConfigError) as raised:
            Settings.load({}, {row["override"]: case["value"]})
        assert str(raised.value) == case["error"]  # an override is checked as its variable is


@pytest.mark.parametrize("rule", contract()["rules"], ids=lambda rule: ",".join(rule["environ"]))
def test_each_rule_between_settings_keeps_its_message(
    rule: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the rules name files relative to the repository
    assert error(rule["environ"]) == rule["error"]


def test_a_secret_value_is_never_shown() -> None:
    secrets = [row for row in contract()["variables"] if row["secret"]]
    assert {row["variable"] for row in secrets} == {"ADDIN_API_KEYS", "ADDIN_LLM_API_KEY"}
    key = "pw_too-short"
    with pytest.raises(ConfigError) as raised:
        Settings.load({"ADDIN_API_KEYS": key})
    assert key not in str(raised.value) and "<hidden>" in str(raised.value)
    settings = Settings.load({"ADDIN_API_KEYS": "k" * 20, "ADDIN_LLM_API_KEY": "sk-secret-value"})
    assert "k" * 20 not in repr(settings) and "sk-secret-value" not in repr(settings)


def test_a_fallback_variable_is_read_when_its_own_is_unset() -> None:
    for row in contract()["variables"]:
        if row["fallback"]:
            assert Settings.load({row["fallback"]: "sk-from-fallback"}) == Settings.load(
                {row["variable"]: "sk-from-fallback"}
            )
            assert Settings.load(
                {row["fallback"]: "sk-from-fallback", row["variable"]: "sk-own"}
            ) == Settings.load({row["variable"]: "sk-own"})


def test_every_value_refused_names_its_variable() -> None:
    # Beyond the recorded values: whatever a parser now says it refuses stops start-up with
    # a message that starts with the variable's name.
    for item in declared():
        for value in invalid_values(item.parse):
            assert error({item.variable: value}).startswith(f"{item.variable}="), item.variable


if __name__ == "__main__":
    os.chdir(ROOT)
    CONTRACT.write_text(json.dumps(record(), indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {CONTRACT.relative_to(ROOT)}")
