"""The local engine's settings: the long-sentence limit and the organisation's style guide,
validated at start-up like every other setting."""

from __future__ import annotations

from pathlib import Path

import pytest
import requests

from addin_server import ConfigError, Settings, create_app
from tests.conftest import ROOT, RefusedStart, start_server, stop_server

EXAMPLE = ROOT / "examples" / "style-guide.example.yaml"
LONG = " ".join(["We walked and talked"] * 6) + "."  # 24 words


@pytest.mark.parametrize("value", ["many", "0", "-3"])
def test_an_invalid_sentence_limit_names_the_variable(value: str) -> None:
    with pytest.raises(ConfigError, match="ADDIN_LONG_SENTENCE_WORDS"):
        Settings.load({"ADDIN_LONG_SENTENCE_WORDS": value})


def test_the_sentence_limit_reaches_the_rule() -> None:
    def long_sentences(environ: dict[str, str]) -> list[str]:
        client = create_app(environ=environ, warm_up=False).test_client()
        issues = client.post("/v1/check", json={"text": LONG}).get_json()["issues"]
        return [issue["rule_id"] for issue in issues if issue["rule_id"] == "style.long_sentence"]

    assert long_sentences({}) == []
    assert long_sentences({"ADDIN_LONG_SENTENCE_WORDS": "20"}) == ["style.long_sentence"]


def test_an_invalid_style_guide_stops_create_app_with_the_line(tmp_path: Path) -> None:
    guide = tmp_path / "guide.yaml"
    guide.write_text(
        "terms:\n  - use: sign in\n    instead_of: login\n    as_a_verb: true\n", encoding="utf-8"
    )
    with pytest.raises(ConfigError) as raised:
        create_app(environ={"ADDIN_STYLE_GUIDE": str(guide)}, warm_up=False)
    message = str(raised.value)
    assert message.startswith(f"ADDIN_STYLE_GUIDE={guide}: line 4:")
    assert "terms[0].as_a_verb: Unknown field" in message
    with pytest.raises(ConfigError, match=r"ADDIN_STYLE_GUIDE=.*cannot read"):
        create_app(environ={"ADDIN_STYLE_GUIDE": str(tmp_path / "none.yaml")}, warm_up=False)


@pytest.mark.slow
def test_an_invalid_style_guide_stops_the_server_at_start_up(
    tmp_path: Path, refused_start: RefusedStart
) -> None:
    guide = tmp_path / "guide.yaml"
    guide.write_text("banned:\n  - term: simply\n", encoding="utf-8")
    said = refused_start({"ADDIN_STYLE_GUIDE": str(guide)})
    assert "ADDIN_STYLE_GUIDE" in said and "line 2" in said
    assert "banned[0].message: Say why the term is banned." in said


@pytest.mark.slow
def test_the_style_guide_applies_to_every_check(tmp_path: Path) -> None:
    server = start_server(tmp_path, {"ADDIN_STYLE_GUIDE": str(EXAMPLE)})
    try:
        text = "Please login and click on Save."
        body = requests.post(server.url + "/v1/check", json={"text": text}, timeout=30).json()
        found = {(i["rule_id"], i["text"], tuple(i["replacements"])) for i in body["issues"]}
        assert ("guide.sign-in", "login", ("sign in",)) in found
        assert ("guide.select", "click on", ("select",)) in found
        rewrite = requests.post(server.url + "/v1/rewrite", json={"text": text}, timeout=30)
        assert rewrite.json()["rewritten"] == "Please sign in and select Save."
    finally:
        stop_server(server)
