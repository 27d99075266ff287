"""ADDIN_REDACT_PII, the reading of answers, and the model settings."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from addin_server import ConfigError, Settings, create_app
from addin_server.engines.base import Length, RewriteOptions
from addin_server.engines.llm import LlmConfig, LlmEngine
from addin_server.engines.llm.client import make_client
from addin_server.engines.llm.errors import InvalidOutput
from addin_server.engines.llm.output import check_rewrite, parse_json_object
from addin_server.engines.llm.redaction import redact
from tests.model_server import Call, ModelServer, Reply

EngineFactory = Callable[..., LlmEngine]
PERSONAL = (
    "Write to ann.lee@example.com or call +44 20 7946 0958. Pay to GB82 WEST 1234 5698 7654 32 "
    "with card 4111 1111 1111 1111; details at https://example.com/pay?id=7. Thanks alot."
)
SECRETS = [
    "ann.lee@example.com",
    "+44 20 7946 0958",
    "GB82 WEST 1234 5698 7654 32",
    "4111 1111 1111 1111",
    "https://example.com/pay?id=7",
]


def test_redaction_replaces_personal_data_and_restores_it() -> None:
    redaction = redact(PERSONAL)
    assert not any(secret in redaction.text for secret in SECRETS)
    assert "[EMAIL_1]" in redaction.text and "[IBAN_1]" in redaction.text
    assert redaction.restore(redaction.text) == PERSONAL
    assert redact("In 2019-2020 sales rose 12.5% on 03.04.2024.").originals == {}


def test_with_redaction_on_the_model_never_sees_personal_data(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    result = make_engine(redact_pii=True).rewrite(PERSONAL, RewriteOptions())
    sent = json.dumps(model.calls[0].body)
    assert not any(secret in sent for secret in SECRETS)
    assert result.rewritten == PERSONAL.replace("alot", "a lot")  # restored
    assert not result.warnings


def test_a_placeholder_the_model_dropped_is_reported(
    model: ModelServer, make_engine: EngineFactory
) -> None:
    def drop_email(call: Call) -> str:
        return json.dumps({"rewritten": call.text.replace("to [EMAIL_1] or ", "")})

    model.script(Reply(content=drop_email))
    result = make_engine(redact_pii=True).rewrite(PERSONAL, RewriteOptions())
    [warning] = result.warnings
    assert warning.code == "pii-placeholder-dropped" and "email address" in warning.message
    assert "ann.lee" not in warning.message and "ann.lee" not in result.rewritten


def test_tolerant_parsing_finds_the_object_in_prose_and_fences() -> None:
    assert parse_json_object('```json\n{"a": 1}\n```') == {"a": 1}
    assert parse_json_object('Sure! {"a": {"b": [1]}} Hope it helps {"c": 2}') == {"a": {"b": [1]}}
    with pytest.raises(InvalidOutput):
        parse_json_object("no json here [1, 2]")


def test_a_rewrite_must_stay_within_sane_bounds() -> None:
    original = "The quarterly report is due on Friday, and the team is on track. " * 3
    assert check_rewrite(original, original.upper(), Length.SAME)
    with pytest.raises(InvalidOutput):
        check_rewrite(original, "OK.", Length.SAME)
    with pytest.raises(InvalidOutput):
        check_rewrite(original, original * 4, Length.SAME)
    assert check_rewrite(original, original[: len(original) // 4], Length.SHORTER)


def test_model_settings_and_the_client_built_from_them() -> None:
    settings = Settings.load(
        {
            "ADDIN_LLM_MODEL": "gpt-4o-mini",
            "OPENAI_API_KEY": "sk-from-openai-var",
            "ADDIN_LLM_TIMEOUT": "12",
            "ADDIN_LLM_MAX_RETRIES": "1",
        }
    )
    assert settings.model.llm_api_key == "sk-from-openai-var"  # the fallback variable
    assert "sk-from-openai-var" not in repr(settings)
    config = LlmConfig.from_settings(settings.model, settings.chunking)
    assert config is not None and config.context_tokens == 128_000
    assert "sk-from" not in repr(config)
    client = make_client(config)
    assert client.max_retries == 1 and client.timeout.read == 12  # type: ignore[union-attr]
    assert str(client.base_url).startswith("https://api.openai.com/v1")
    own = Settings.load({"ADDIN_LLM_API_KEY": "sk-own", "OPENAI_API_KEY": "sk-other"})
    assert own.model.llm_api_key == "sk-own"


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("ADDIN_LLM_TIMEOUT", "soon"),
        ("ADDIN_LLM_MAX_RETRIES", "99"),
        ("ADDIN_LLM_CONCURRENCY", "0"),
        ("ADDIN_LLM_BASE_URL", "ftp://example.com"),
        ("ADDIN_LLM_RESPONSE_FORMAT", "xml"),
        ("ADDIN_REDACT_PII", "maybe"),
    ],
)
def test_bad_model_settings_name_the_variable(variable: str, value: str) -> None:
    with pytest.raises(ConfigError, match=variable):
        Settings.load({variable: value, "ADDIN_LLM_MODEL": "m"})


def test_a_base_url_without_a_model_is_refused() -> None:
    with pytest.raises(ConfigError, match="ADDIN_LLM_MODEL"):
        Settings.load({"ADDIN_LLM_BASE_URL": "http://127.0.0.1:8080/v1"})


def test_a_bad_key_is_never_echoed(model: ModelServer, make_engine: EngineFactory) -> None:
    key = "sk-live-ABCDEF123456"
    model.script(
        then=Reply(status=401, error_message=f"Incorrect API key provided: {key[:6]}***3456")
    )
    result = make_engine(llm_api_key=key).rewrite("Their is a error.", RewriteOptions())
    assert model.calls[0].headers.get("authorization") == f"Bearer {key}"
    [warning] = result.warnings
    assert warning.code == "llm-auth-failed" and "ADDIN_LLM_API_KEY" in warning.message
    assert "sk-" not in warning.message and "3456" not in warning.message


def test_without_a_model_auto_means_local() -> None:
    app = create_app(environ={}, warm_up=False)
    services = app.extensions["penwise"]
    assert set(services.engines) == {"local"} and services.default_engine == "local"
