"""The Outlook manifest: a MailApp rendered for an https:// URL, valid against Microsoft's XSDs
(with patch C for the send check), served by the app with the send check's page and script."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree

from addin_server.assets import taskpane_dir
from addin_server.install import office, outlook
from addin_server.services import EXTENSION_KEY
from tests.install.test_office_manifest import run

URL = "https://mail.example.org"
XSI_TYPE = "{http://www.w3.org/2001/XMLSchema-instance}type"
NS = {
    "o": "http://schemas.microsoft.com/office/appforoffice/1.1",
    "bt": "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
    "v0": "http://schemas.microsoft.com/office/mailappversionoverrides",
    "v1": "http://schemas.microsoft.com/office/mailappversionoverrides/1.1",
}


def parse(xml: str | bytes) -> etree._Element:
    return etree.fromstring(xml.encode() if isinstance(xml, str) else xml)


def test_the_rendered_manifest_is_valid() -> None:
    assert office.validate(outlook.render(URL).encode()) == []


def test_it_is_a_mail_add_in_for_messages_being_written() -> None:
    root = parse(outlook.render(URL + "/pen/"))
    assert root.get(XSI_TYPE) == "MailApp"
    assert root.find("o:Hosts/o:Host", NS).get("Name") == "Mailbox"
    assert root.findtext("o:Permissions", namespaces=NS) == "ReadWriteItem"
    form = root.find("o:FormSettings/o:Form", NS)
    assert form.get(XSI_TYPE) == "ItemEdit"
    pane = URL + "/pen/taskpane/?host=outlook"
    assert form.find("o:DesktopSettings/o:SourceLocation", NS).get("DefaultValue") == pane
    rule = root.find("o:Rule/o:Rule", NS)
    assert (rule.get("ItemType"), rule.get("FormType")) == ("Message", "Edit")
    assert root.findtext("o:AppDomains/o:AppDomain", namespaces=NS) == URL


def test_both_overrides_open_the_pane_and_1_1_adds_the_soft_send_check() -> None:
    root = parse(outlook.render(URL))
    v0 = root.find("v0:VersionOverrides", NS)
    v1 = v0.find("v1:VersionOverrides", NS)
    assert (v0.get(XSI_TYPE), v1.get(XSI_TYPE)) == ("VersionOverridesV1_0", "VersionOverridesV1_1")
    # Outlooks without the send check (before Mailbox 1.12) fall back to the 1.0 overrides.
    assert v1.find("v1:Requirements/bt:Sets", NS).get("DefaultMinVersion") == "1.12"
    for overrides, ns in ((v0, "v0"), (v1, "v1")):
        urls = {u.get("id"): u.get("DefaultValue") for u in overrides.iterfind(".//bt:Url", NS)}
        surface = overrides.find(f".//{ns}:ExtensionPoint", NS)
        assert surface.get(XSI_TYPE) == "MessageComposeCommandSurface"
        button = surface.find(f".//{ns}:Control", NS)
        assert button.get("id") == "Penwise.OpenPane"
        source = button.find(f"{ns}:Action/{ns}:SourceLocation", NS).get("resid")
        assert urls[source] == URL + "/taskpane/?host=outlook"
    launch = v1.find(".//v1:ExtensionPoint[@xsi:type='LaunchEvent']", {**NS, "xsi": XSI_TYPE[1:42]})
    event = launch.find("v1:LaunchEvents/v1:LaunchEvent", NS)
    assert (event.get("Type"), event.get("SendMode")) == ("OnMessageSend", "SoftBlock")
    runtime = v1.find(".//v1:Runtimes/v1:Runtime", NS)
    override = runtime.find("v1:Override", NS)
    urls = {u.get("id"): u.get("DefaultValue") for u in v1.iterfind(".//bt:Url", NS)}
    assert runtime.get("resid") == launch.find("v1:SourceLocation", NS).get("resid")
    assert urls[runtime.get("resid")] == URL + "/outlook/on-send.html"
    assert (override.get("type"), urls[override.get("resid")]) == (
        "javascript",
        URL + "/outlook/on-send.js",
    )


def test_the_send_handler_and_its_button_have_the_names_the_manifest_gives() -> None:
    root = parse(outlook.render(URL))
    handler = (taskpane_dir() / "send" / "on_send.js").read_text(encoding="utf-8")
    event = root.find(".//v1:LaunchEvent", NS)
    assert f"Office.actions.associate('{event.get('FunctionName')}'" in handler
    assert f"var PANE_COMMAND = '{root.find('.//v1:Control', NS).get('id')}'" in handler


def test_every_resource_named_is_defined_and_every_string_has_chinese() -> None:
    root = parse(outlook.render(URL))
    v1 = root.find(".//v1:VersionOverrides", NS)
    v0 = parse(etree.tostring(root.find("v0:VersionOverrides", NS)))
    v0.remove(v0.find("v1:VersionOverrides", NS))  # each overrides names only its own resources
    for overrides in (v0, v1):
        resources = overrides.find("{*}Resources")
        defined = {el.get("id") for el in resources.iter() if el.get("id")}
        named = {el.get("resid") for el in overrides.iter() if el.get("resid")}
        named -= {el.get("resid") for el in resources.iter() if el.get("resid")}
        assert named <= defined, f"undefined resources: {named - defined}"
        assert all(len(name) <= 32 for name in defined)
        for string in resources.iterfind(".//bt:String", NS):
            if string.get("DefaultValue") != "Penwise":
                assert string.find("bt:Override[@Locale='zh-CN']", NS) is not None


def test_the_id_is_stable_and_never_the_word_add_ins() -> None:
    first = parse(outlook.render(URL)).findtext("o:Id", namespaces=NS)
    assert first == parse(outlook.render(URL + "/")).findtext("o:Id", namespaces=NS)
    assert first != office.manifest_id(URL)
    assert uuid.UUID(first)
    given = "0f2c7e1a-5b7d-4c1e-9a3f-2d4b6c8e0a11"
    assert parse(outlook.render(URL, addin_id=given)).findtext("o:Id", namespaces=NS) == given
    with pytest.raises(ValueError, match="not a GUID"):
        outlook.render(URL, addin_id="mail")


def test_a_plain_http_url_is_refused_with_the_way_to_https() -> None:
    with pytest.raises(ValueError, match=r"addin-server certs.*serve --https"):
        outlook.render("http://localhost:8765")


@pytest.mark.slow
def test_the_command_writes_a_valid_manifest_and_refuses_http(tmp_path: Path) -> None:
    out = tmp_path / "outlook.xml"
    made = run("manifest", "outlook", "--url", URL, "--name", "Pen & Co", "--out", str(out))
    assert made.returncode == 0, made.stderr
    assert parse(out.read_bytes()).find("o:DisplayName", NS).get("DefaultValue") == "Pen & Co"
    checked = run("manifest", "validate", str(out))
    assert (checked.returncode, checked.stdout.strip()) == (0, f"{out}: valid")
    refused = run("manifest", "outlook", "--url", "http://127.0.0.1:8765")
    assert refused.returncode == 2 and refused.stdout == ""
    assert "only over HTTPS" in refused.stderr and "`addin-server serve --https`" in refused.stderr


@pytest.mark.parametrize(
    ("broken", "spoiled", "message"),
    [
        (
            'SendMode="SoftBlock"',
            'SendMode="Sometimes"',
            "'Sometimes' is not an element of the set",
        ),
        ('FormType="Edit"', 'FormType="Draft"', "'Draft' is not an element of the set"),
    ],
)
@pytest.mark.slow
def test_a_broken_manifest_is_rejected_at_its_line(
    tmp_path: Path, broken: str, spoiled: str, message: str
) -> None:
    xml = outlook.render(URL)
    assert xml.count(broken) == 1
    line = xml[: xml.index(broken)].count("\n") + 1
    path = tmp_path / "broken.xml"
    path.write_text(xml.replace(broken, spoiled), encoding="utf-8")
    checked = run("manifest", "validate", str(path))
    assert checked.returncode == 1
    assert re.search(
        rf"^{re.escape(str(path))}:{line}: .*{re.escape(message)}", checked.stdout, re.M
    ), checked.stdout


def test_the_server_serves_the_manifest_for_its_https_address(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    response = client.get("/manifest-outlook.xml", base_url="https://mail.example.net:8443")
    assert response.status_code == 200
    assert response.mimetype == "application/xml"
    assert office.validate(response.data) == []
    pane = parse(response.data).find(".//o:DesktopSettings/o:SourceLocation", NS)
    assert pane.get("DefaultValue") == "https://mail.example.net:8443/taskpane/?host=outlook"
    services = app.extensions[EXTENSION_KEY]
    monkeypatch.setattr(
        services, "settings", services.settings.replace(public_url="https://pen.example.org/p")
    )
    behind_proxy = client.get("/manifest-outlook.xml", base_url="http://10.0.0.5:8765")
    assert parse(behind_proxy.data).findtext("o:Id", namespaces=NS) == outlook.manifest_id(
        "https://pen.example.org/p"
    )


def test_over_plain_http_the_server_says_how_to_get_https(client: FlaskClient) -> None:
    response = client.get("/manifest-outlook.xml", base_url="http://127.0.0.1:8765")
    assert response.status_code == 409
    assert response.mimetype == "application/problem+json"
    problem = response.get_json()
    assert problem["type"].endswith("manifest-needs-https")
    assert "addin-server certs" in problem["detail"] and "ADDIN_PUBLIC_URL" in problem["detail"]


def test_the_send_check_script_carries_the_server_and_the_panes_sentences(
    client: FlaskClient,
) -> None:
    script = client.get("/outlook/on-send.js", base_url="https://mail.example.net")
    assert script.status_code == 200 and script.mimetype == "text/javascript"
    config = script.get_data(as_text=True).split("\n", 2)[1]
    assert config.startswith('var PenwiseSend = {"server": "https://mail.example.net/"')
    assert "Penwise found {count} spelling or grammar issues in your message." in config
    assert "Penwise 在你的邮件中发现 {count} 处拼写或语法问题。" in config
    page = client.get("/outlook/on-send.html", base_url="https://mail.example.net")
    html = page.get_data(as_text=True)
    assert '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js">' in html
    assert html.index("office.js") < html.index('<script src="on-send.js">')
    assert "frame-ancestors" in page.headers["Content-Security-Policy"]


def test_info_says_whether_the_send_check_runs(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert client.get("/v1/info").get_json()["send_check"] is True
    services = app.extensions[EXTENSION_KEY]
    monkeypatch.setattr(services, "settings", services.settings.replace(outlook_send_check="0"))
    assert client.get("/v1/info").get_json()["send_check"] is False
