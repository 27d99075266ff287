"""Which names the development certificate covers, and what a manifest for another name does
(issue 30): ``certs --name`` adds a name and later runs keep it; a manifest for a name the
certificate does not cover warns and says how to add it; one server gives one add-in,
whichever of its names it was reached by."""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from addin_server.cli import main
from addin_server.config import Settings
from addin_server.install import office, outlook
from addin_server.install.certs import certificate_names, dev_cert_paths
from addin_server.install.commands import serve_warnings
from addin_server.install.urls import covers
from addin_server.services import EXTENSION_KEY

LOOPBACK = ("localhost", "127.0.0.1", "::1")


@pytest.fixture()
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private config folder, where ``addin-server certs`` keeps its files."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in [name for name in os.environ if name.startswith("ADDIN_")]:
        monkeypatch.delenv(name)
    return tmp_path


def _manifest_id(xml: str) -> str:
    found = re.search(r"<Id>([^<]+)</Id>", xml)
    assert found, xml[:300]
    return found.group(1)


def test_certs_adds_names_and_later_runs_keep_them(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["certs", "--name", "Desktop.LAN.", "--name", "[192.168.1.5]"]) == 0
    said = capsys.readouterr().out
    assert "localhost, 127.0.0.1, ::1, desktop.lan, 192.168.1.5" in said
    cert = dev_cert_paths().cert
    assert certificate_names(cert) == (*LOOPBACK, "desktop.lan", "192.168.1.5")
    assert main(["certs"]) == 0  # a renewal
    assert certificate_names(cert) == (*LOOPBACK, "desktop.lan", "192.168.1.5")


@pytest.mark.parametrize("name", ["my host", "trail-.lan", "a..b", "x" * 64 + ".lan"])
def test_certs_refuses_what_is_not_a_host_name(
    config_home: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    assert main(["certs", "--name", name]) == 2
    assert "is not a host name" in capsys.readouterr().err
    assert not dev_cert_paths().cert.exists()  # nothing half made


def test_a_manifest_for_a_name_the_certificate_does_not_cover_says_how_to_add_it(
    config_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["certs"]) == 0
    capsys.readouterr()
    out = config_home / "manifest.xml"
    # at 443, behind a proxy with a certificate of its own: nothing to warn of
    assert (
        main(["manifest", "office", "--url", "https://writer.example.org", "--out", str(out)]) == 0
    )
    assert "warning" not in capsys.readouterr().err
    assert main(["manifest", "office", "--url", "https://myhost.lan:8765", "--out", str(out)]) == 0
    warned = capsys.readouterr().err
    assert "not for myhost.lan" in warned and "addin-server certs --name myhost.lan" in warned
    assert main(["certs", "--name", "myhost.lan"]) == 0
    capsys.readouterr()
    assert main(["manifest", "office", "--url", "https://myhost.lan:8765", "--out", str(out)]) == 0
    assert "warning" not in capsys.readouterr().err
    # and it is the add-in localhost gives: the same server, under another of its names
    assert _manifest_id(out.read_text()) == office.manifest_id(
        "https://localhost:8765", certificate_names(dev_cert_paths().cert)
    )


def test_the_loopback_names_give_one_addin_and_other_servers_their_own() -> None:
    for render in (office, outlook):
        ids = {render.manifest_id(f"https://{host}:8765") for host in ("localhost", "127.0.0.1")}
        ids.add(render.manifest_id("https://[::1]:8765"))
        assert len(ids) == 1
        assert render.manifest_id("https://writer.example.org") not in ids
        assert render.manifest_id("https://localhost:9000") not in ids  # another server
    assert office.manifest_id("https://localhost:8765") != outlook.manifest_id(
        "https://localhost:8765"
    )


@pytest.mark.parametrize(
    ("names", "host", "covered"),
    [
        (("writer.example.org",), "Writer.Example.org.", True),
        (("*.example.org",), "writer.example.org", True),
        (("*.example.org",), "a.writer.example.org", False),  # one label only
        (("*.example.org",), "example.org", False),
        (("::1",), "[::1]", True),
        (("127.0.0.1",), "localhost", False),
        (("localhost",), "127.0.0.1", False),  # an address is matched by addresses only
    ],
)
def test_covers_as_a_browser_checks_a_certificate(
    names: tuple[str, ...], host: str, covered: bool
) -> None:
    assert covers(names, host) is covered


def test_the_server_warns_once_when_its_manifest_names_a_host_its_certificate_misses(
    app: Flask,
    client: FlaskClient,
    config_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    assert main(["certs"]) == 0
    paths = dev_cert_paths()
    services = app.extensions[EXTENSION_KEY]
    served = services.settings.replace(tls_cert=str(paths.cert), tls_key=str(paths.key))
    monkeypatch.setattr(services, "settings", served)
    with caplog.at_level(logging.WARNING, logger="addin_server.api.manifest"):
        for host in ("localhost:8765", "127.0.0.1:8765", "[::1]:8765"):
            assert client.get("/manifest.xml", base_url=f"https://{host}").status_code == 200
        assert not caplog.records
        uncovered = "https://nas-uncovered.lan:8765"
        ids = {_manifest_id(client.get("/manifest.xml", base_url=uncovered).text)}
        ids.add(_manifest_id(client.get("/manifest.xml", base_url=uncovered).text))
    warnings = [record.getMessage() for record in caplog.records]
    assert len(warnings) == 1, warnings  # once per name, not once per request
    assert "certs --name nas-uncovered.lan" in warnings[0]
    assert len(ids) == 1


def test_a_model_without_a_key_is_warned_of_unless_it_is_on_this_machine() -> None:
    remote = Settings.load({"ADDIN_LLM_MODEL": "gpt-4o-mini"})
    (warning,) = serve_warnings(remote)
    assert "ADDIN_LLM_API_KEY" in warning and "OpenAI's endpoint" in warning
    local = {"ADDIN_LLM_MODEL": "gemma", "ADDIN_LLM_BASE_URL": "http://127.0.0.1:8080/v1"}
    assert serve_warnings(Settings.load(local)) == []
    keyed = {"ADDIN_LLM_MODEL": "gpt-4o-mini", "ADDIN_LLM_API_KEY": "sk-test-0123456789"}
    assert serve_warnings(Settings.load(keyed)) == []


def test_a_certificate_that_cannot_serve_stops_start_up_with_the_reason(
    config_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["certs"]) == 0
    paths = dev_cert_paths()
    # a key that is not the certificate's: it would fail at every handshake, not at start
    other = config_home / "other-key.pem"
    other.write_bytes(paths.ca_key.read_bytes())
    monkeypatch.setenv("ADDIN_TLS_CERT", str(paths.cert))
    monkeypatch.setenv("ADDIN_TLS_KEY", str(other))
    capsys.readouterr()
    assert main(["serve", "--port", "1"]) == 2
    said = capsys.readouterr().err
    assert f"cannot serve HTTPS with {paths.cert} and {other}" in said and "Traceback" not in said
