"""The Word manifest: rendered for a URL, valid against Microsoft's XSDs, served by the app."""

from __future__ import annotations

import re
import struct
import subprocess
import uuid
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree

from addin_server.assets import taskpane_dir
from addin_server.install import office
from addin_server.services import EXTENSION_KEY
from tests.conftest import SERVER

URL = "https://writer.example.org"
NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "ov": "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SERVER), *args], capture_output=True, text=True, timeout=60, env={"PATH": "/bin"}
    )


def parse(xml: str | bytes) -> etree._Element:
    return etree.fromstring(xml.encode() if isinstance(xml, str) else xml)


def test_the_rendered_manifest_is_valid() -> None:
    assert office.validate(office.render(URL).encode()) == []


def test_the_manifest_names_the_pane_the_button_and_the_popup_strings() -> None:
    root = parse(office.render(URL + "/pen/"))
    assert root.findtext("o:Version", namespaces=NS) == "0.1.0.0"
    source = root.find("o:DefaultSettings/o:SourceLocation", NS)
    assert source.get("DefaultValue") == URL + "/pen/taskpane/?host=word"
    assert root.findtext("o:Permissions", namespaces=NS) == "ReadWriteDocument"
    assert root.find("o:Hosts/o:Host", NS).get("Name") == "Document"
    # Office trusts the SourceLocation's own domain: an AppDomain repeating it has no effect.
    assert root.find("o:AppDomains", NS) is None
    # No command runs a function, so no FunctionFile (it is optional).
    assert root.find(".//ov:FunctionFile", NS) is None
    wordapi = root.find("o:Requirements/o:Sets/o:Set", NS)
    assert (wordapi.get("Name"), wordapi.get("MinVersion")) == ("WordApi", "1.1")
    tab = root.find(".//ov:OfficeTab", NS)
    assert tab.get("id") == "TabHome"
    action = tab.find(".//ov:Control/ov:Action", NS)
    assert action.get("{http://www.w3.org/2001/XMLSchema-instance}type") == "ShowTaskpane"
    urls = {el.get("id"): el.get("DefaultValue") for el in root.iterfind(".//bt:Url", NS)}
    assert urls[action.find("ov:SourceLocation", NS).get("resid")] == source.get("DefaultValue")
    strings = {el.get("id"): el.get("DefaultValue") for el in root.iterfind(".//bt:String", NS)}
    assert strings["Penwise.Improve.Label"] == "Improve"
    assert strings["Penwise.Critique.Branding"] == "Penwise"
    # Every resid points at a resource that exists.
    ids = {el.get("id") for el in root.iterfind(".//ov:Resources//*[@id]", NS)}
    assert {el.get("resid") for el in root.iterfind(".//*[@resid]")} <= ids


def test_every_popup_string_the_word_pane_names_is_in_the_manifest() -> None:
    script = (taskpane_dir() / "hosts" / "word_critiques.js").read_text(encoding="utf-8")
    block = script[script.index("POPUP_RESOURCE_IDS") :].split("});", 1)[0]
    named = set(re.findall(r"'(Penwise\.[\w.]+)'", block))
    assert named, "no resource ids found in word_critiques.js"
    root = parse(office.render(URL))
    defined = {el.get("id") for el in root.iterfind(".//bt:ShortStrings/bt:String", NS)}
    assert named <= defined, f"not in the manifest: {sorted(named - defined)}"


def test_the_id_is_stable_per_url_and_differs_between_urls() -> None:
    first = parse(office.render(URL)).findtext("o:Id", namespaces=NS)
    assert first == parse(office.render(URL + "/")).findtext("o:Id", namespaces=NS)
    other = parse(office.render("https://other.example.org")).findtext("o:Id", namespaces=NS)
    assert first != other
    assert uuid.UUID(first).version == 5


def test_values_are_escaped_for_xml() -> None:
    name = 'Pen & "Ink" <beta>'
    root = parse(office.render(URL, name=name))
    assert root.find("o:DisplayName", NS).get("DefaultValue") == name
    assert office.validate(office.render(URL, name=name).encode()) == []


@pytest.mark.parametrize(
    "url", ["ftp://writer.example.org", "writer.example.org", "https://x.org/?a=1"]
)
def test_a_url_that_is_not_a_server_base_is_refused(url: str) -> None:
    with pytest.raises(ValueError):
        office.render(url)


@pytest.mark.slow
def test_cli_refuses_an_http_url_and_says_how_to_serve_https() -> None:
    # Office loads an add-in only from an HTTPS SourceLocation: an http:// manifest would
    # install and then fail.
    result = run("manifest", "office", "--url", "http://localhost:8765")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "must start with https://" in result.stderr
    assert "addin-server certs" in result.stderr and "serve --https" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_cli_writes_the_manifest_and_honours_id_and_name(tmp_path: Path) -> None:
    guid = "0f3c9a57-7f1e-4d4c-9a0b-2b6d7c1e5a11"
    out = tmp_path / "manifest.xml"
    result = run(
        "manifest", "office", "--url", URL, "--id", guid, "--name", "Acme Pen", "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    root = parse(out.read_bytes())
    assert root.findtext("o:Id", namespaces=NS) == guid
    assert root.find("o:DisplayName", NS).get("DefaultValue") == "Acme Pen"
    validated = run("manifest", "validate", str(out))
    assert (validated.returncode, validated.stdout.strip()) == (0, f"{out}: valid")


@pytest.mark.slow
def test_cli_prints_to_stdout_and_refuses_a_bad_id() -> None:
    result = run("manifest", "office", "--url", URL)
    assert result.returncode == 0
    assert office.validate(result.stdout.encode()) == []
    bad = run("manifest", "office", "--url", URL, "--id", "not-a-guid")
    assert bad.returncode == 2
    assert "not a GUID" in bad.stderr and "Traceback" not in bad.stderr


def _line_of(lines: list[str], text: str) -> int:
    return next(number for number, line in enumerate(lines) if text in line)


@pytest.mark.slow
def test_validate_reports_an_invalid_value_with_its_line(tmp_path: Path) -> None:
    lines = office.render(URL).splitlines(keepends=True)
    number = _line_of(lines, "<Permissions>")
    lines[number] = lines[number].replace("ReadWriteDocument", "Bogus")
    broken = tmp_path / "bogus.xml"
    broken.write_text("".join(lines), encoding="utf-8")

    result = run("manifest", "validate", str(broken))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{broken}:{number + 1}: ")
    assert "'Bogus' is not an element of the set" in result.stdout


@pytest.mark.slow
def test_validate_reports_a_missing_element_with_its_line(tmp_path: Path) -> None:
    lines = office.render(URL).splitlines(keepends=True)
    number = _line_of(lines, "<Id>")
    del lines[number]  # <Version> now stands where <Id> must
    broken = tmp_path / "no-id.xml"
    broken.write_text("".join(lines), encoding="utf-8")

    result = run("manifest", "validate", str(broken))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{broken}:{number + 1}: ")
    assert "Version': This element is not expected. Expected is" in result.stdout
    assert "}Id )" in result.stdout


@pytest.mark.slow
def test_validate_reports_xml_that_is_not_well_formed(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_text(office.render(URL)[:400], encoding="utf-8")
    result = run("manifest", "validate", str(path))
    assert result.returncode == 1
    assert "not well-formed" in result.stdout


@pytest.mark.parametrize("size", office.ICON_SIZES)
def test_the_icons_the_manifest_names_are_pngs_of_their_size(size: int) -> None:
    xml = office.render(URL)
    assert f"{URL}/taskpane/assets/icon-{size}.png" in xml
    data = (taskpane_dir() / "assets" / f"icon-{size}.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == (size, size)


def test_the_server_serves_the_manifest_for_its_own_url(client: FlaskClient) -> None:
    response = client.get("/manifest.xml", base_url="https://word.example.net:8443")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert response.headers["Content-Disposition"] == "inline; filename=manifest.xml"
    source = parse(response.data).find("o:DefaultSettings/o:SourceLocation", NS)
    assert source.get("DefaultValue") == "https://word.example.net:8443/taskpane/?host=word"
    assert office.validate(response.data) == []


def test_the_server_serves_the_manifest_for_the_public_url(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    services = app.extensions[EXTENSION_KEY]
    public = services.settings.replace(public_url="https://writer.example.org/penwise")
    monkeypatch.setattr(services, "settings", public)
    response = client.get("/manifest.xml", base_url="http://10.0.0.5:8765")
    root = parse(response.data)
    source = root.find("o:DefaultSettings/o:SourceLocation", NS).get("DefaultValue")
    assert source == "https://writer.example.org/penwise/taskpane/?host=word"
    assert root.findtext("o:Id", namespaces=NS) == office.manifest_id(
        "https://writer.example.org/penwise"
    )


def test_the_server_refuses_a_manifest_for_its_plain_http_address(client: FlaskClient) -> None:
    response = client.get("/manifest.xml", base_url="http://localhost:8765")
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    detail = response.get_json()["detail"]
    assert "addin-server certs" in detail and "serve --https" in detail
    assert "ADDIN_PUBLIC_URL" in detail
