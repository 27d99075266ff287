"""Settings come from ADDIN_* variables; a bad value stops start-up naming the variable."""

from __future__ import annotations

import re

import pytest

from addin_server import ConfigError, Settings, create_app
from addin_server.config import documented_variables
from tests.conftest import ROOT, RefusedStart


def test_defaults() -> None:
    settings = Settings.load({})
    assert (settings.serve.host, settings.serve.port) == ("localhost", 8765)
    assert settings.request.max_body_bytes == 8 * 1024 * 1024
    assert settings.request.max_text_chars == 1_000_000


def test_environment_values_are_parsed() -> None:
    settings = Settings.load(
        {"ADDIN_MAX_BODY_BYTES": "2MiB", "ADDIN_MAX_TEXT_CHARS": "5_000", "ADDIN_PORT": "9000"}
    )
    assert settings.request.max_body_bytes == 2 * 1024 * 1024
    assert settings.request.max_text_chars == 5000
    assert settings.serve.port == 9000


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ADDIN_MAX_TEXT_CHARS", "abc"),
        ("ADDIN_MAX_TEXT_CHARS", "-5"),
        ("ADDIN_PORT", "70000"),
        ("ADDIN_MAX_BODY_BYTES", "lots"),
        ("ADDIN_LOG_LEVEL", "LOUD"),
        ("ADDIN_DEFAULT_LANGUAGE", "english!"),
        ("ADDIN_REQUEST_TIMEOUT", "soon"),
        ("ADDIN_LIVE_CHECK", "sometimes"),
        ("ADDIN_LIVE_ENGINE", "model"),
        ("ADDIN_LIVE_MAX_PARAGRAPHS", "0"),
        ("ADDIN_LIVE_MAX_CHARS", "-1"),
        ("ADDIN_AUTHORSHIP_MARKS", "sometimes"),
    ],
)
def test_invalid_values_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.load({variable: value})
    with pytest.raises(ConfigError, match=variable):
        create_app(environ={variable: value}, warm_up=False)


@pytest.mark.slow
def test_an_invalid_value_stops_the_server_at_start_up(refused_start: RefusedStart) -> None:
    assert "ADDIN_MAX_TEXT_CHARS" in refused_start({"ADDIN_MAX_TEXT_CHARS": "abc"})


def test_unknown_override_is_refused() -> None:
    with pytest.raises(ConfigError, match="max_txt"):
        Settings.load({}, {"max_txt": 5})


def test_the_configuration_reference_lists_every_variable_with_its_default() -> None:
    reference = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    for variable, default, _ in documented_variables():
        row = re.search(rf"^\|\s*`{variable}`\s*\|\s*`?([^|`]*)`?\s*\|", reference, re.MULTILINE)
        assert row, f"{variable} is missing from docs/configuration.md"
        assert row.group(1).strip() == default, f"{variable}: the reference says {row.group(1)!r}"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ADDIN_SERVER", "nginx"),
        ("ADDIN_CLIENT_TIMEOUT", "0"),
        ("ADDIN_MAX_CONNECTIONS", "5"),
        ("ADDIN_LLM_CONNECT_TIMEOUT", "soon"),
        ("ADDIN_LLM_BREAKER_FAILURES", "0"),
        ("ADDIN_LLM_COOLDOWN", "-1"),
    ],
)
def test_serving_and_breaker_settings_are_checked(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.load({variable: value})


@pytest.mark.parametrize(
    ("overrides", "variable"),
    [
        ({"port": -1}, "ADDIN_PORT"),
        ({"workers": 0}, "ADDIN_WORKERS"),
        ({"cors_origins": ("x",)}, "ADDIN_CORS_ORIGINS"),
    ],
)
def test_an_override_that_is_not_text_is_checked_as_its_variable_is(
    overrides: dict[str, object], variable: str
) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.load({}, overrides)
    with pytest.raises(ConfigError, match=variable):
        Settings.load({}).replace(**overrides)


def test_an_override_that_is_not_text_keeps_its_value() -> None:
    settings = Settings.load({}, {"port": 9000, "threads": 3, "redact_pii": True})
    assert (settings.serve.port, settings.serve.threads, settings.model.redact_pii) == (
        9000,
        3,
        True,
    )
    assert settings.replace(workers=4).serve.workers == 4
