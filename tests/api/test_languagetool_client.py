"""A real LanguageTool client (``language_tool_python``) talks to the real server."""

from __future__ import annotations

import socket
from pathlib import Path

import language_tool_python
import pytest

from tests.conftest import LiveServer


@pytest.fixture()
def no_internet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse any connection that leaves this machine, so a download would fail loudly."""
    real_connect = socket.socket.connect

    def loopback_only(self: socket.socket, address: object) -> object:
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and host not in (
            "127.0.0.1",
            "::1",
            "localhost",
        ):
            raise OSError(f"test blocked a connection to {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", loopback_only)


def test_language_tool_python_checks_through_our_server(
    live_server: LiveServer, no_internet: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    download_dir = tmp_path / "ltp"
    download_dir.mkdir()
    monkeypatch.setenv("LTP_PATH", str(download_dir))
    text = "🙂 Their is a error in this sentance."
    with language_tool_python.LanguageTool("en-US", remote_server=live_server.url) as tool:
        matches = tool.check(text)
        corrected = tool.correct(text)
    found = {text[m.offset : m.offset + m.error_length] for m in matches}
    assert found == {"Their", "a", "sentance"}
    assert {m.rule_id for m in matches} >= {"harper.SpellCheck"}
    assert corrected == "🙂 There is an error in this sentence."
    assert list(download_dir.iterdir()) == []  # remote mode downloaded nothing


def test_language_tool_python_picky_mode_adds_the_notes(
    live_server: LiveServer, no_internet: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LTP_PATH", str(tmp_path))
    text = "The meeting was postponed."
    with language_tool_python.LanguageTool("en-US", remote_server=live_server.url) as tool:
        default = tool.check(text)
        tool.picky = True
        picky = tool.check(text)
    assert default == []
    assert [m.rule_id for m in picky] == ["style.passive_voice"]
