"""The Google Docs add-on export: files, minimal scopes per mode, the URL everywhere it goes."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from addin_server.install.gdocs import (
    FILES,
    SCOPE_DOCUMENT,
    SCOPE_FETCH,
    SCOPE_SIDEBAR,
    export_gdocs,
    template_dir,
)
from tests.system_tools import NODE

URL = "https://writer.example.org"


def _export(tmp_path: Path, url: str = URL, *, server_side: bool = False) -> dict[str, str]:
    written = export_gdocs(url, tmp_path / "project", server_side=server_side)
    assert [path.name for path in written] == list(FILES)
    return {path.name: path.read_text(encoding="utf-8") for path in written}


def _scripts(files: dict[str, str]) -> list[str]:
    return [name for name in files if name.endswith(".gs")]


def test_templates_are_where_the_package_looks() -> None:
    assert sorted(path.name for path in template_dir().iterdir()) == sorted(FILES)


@pytest.mark.parametrize(
    ("server_side", "scopes"),
    [
        (False, {SCOPE_DOCUMENT, SCOPE_SIDEBAR}),
        (True, {SCOPE_DOCUMENT, SCOPE_SIDEBAR, SCOPE_FETCH}),
    ],
)
def test_manifest_asks_for_the_narrowest_scopes(
    tmp_path: Path, server_side: bool, scopes: set[str]
) -> None:
    manifest = json.loads(_export(tmp_path, server_side=server_side)["appsscript.json"])
    assert manifest["runtimeVersion"] == "V8"
    assert len(manifest["oauthScopes"]) == len(scopes)
    assert set(manifest["oauthScopes"]) == scopes


def test_server_side_allows_fetching_only_under_the_servers_prefix(tmp_path: Path) -> None:
    manifest = json.loads(
        _export(tmp_path, "https://pw.example.org:8443/penwise/", server_side=True)[
            "appsscript.json"
        ]
    )
    # Apps Script's rules: https, a full domain, a non-empty path; "/" ends the prefix so it
    # cannot match https://pw.example.org:8443/penwise-other or another host.
    assert manifest["urlFetchWhitelist"] == ["https://pw.example.org:8443/penwise/"]


def test_direct_mode_fetches_nothing_from_apps_script(tmp_path: Path) -> None:
    files = _export(tmp_path)
    assert "urlFetchWhitelist" not in json.loads(files["appsscript.json"])
    for name in _scripts(files):
        assert "UrlFetchApp" not in files[name], name
        assert "function callPenwise" not in files[name], name


def test_server_side_code_calls_the_server_with_the_script_key(tmp_path: Path) -> None:
    code = _export(tmp_path, server_side=True)["Code.gs"]
    assert f"const PENWISE_URL = '{URL}/';" in code
    assert "getScriptProperties().getProperty('PENWISE_API_KEY')" in code
    assert "'Bearer ' + key" in code


@pytest.mark.parametrize("server_side", [False, True])
def test_templates_are_fully_rendered(tmp_path: Path, server_side: bool) -> None:
    for name, text in _export(tmp_path, server_side=server_side).items():
        assert "{{" not in text, name


@pytest.mark.parametrize("server_side", [False, True])
def test_sidebar_loads_the_pane_from_the_server(tmp_path: Path, server_side: bool) -> None:
    sidebar = _export(tmp_path, URL + "/", server_side=server_side)["Sidebar.html"]
    # HtmlService ignores <meta> tags in the file and does not document keeping attributes on
    # <html>: the settings come from Code.gs (getSidebarConfig), the viewport from addMetaTag.
    assert '<html lang="en">' in sidebar
    assert "<meta" not in sidebar
    assert f'<link rel="stylesheet" href="{URL}/taskpane/styles.css">' in sidebar
    assert f'<script type="module" src="{URL}/taskpane/main.js"></script>' in sidebar
    assert '<div id="app"' in sidebar
    # Nothing of the pane is inlined: every script has a src.
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", sidebar) == []


@pytest.mark.slow
@pytest.mark.parametrize("server_side", [False, True])
def test_rendered_scripts_parse(tmp_path: Path, server_side: bool) -> None:
    node = NODE.require()
    files = _export(tmp_path, server_side=server_side)
    for name in _scripts(files):
        copy = tmp_path / name.replace(".gs", ".js")
        copy.write_text(files[name], encoding="utf-8")
        result = subprocess.run(
            [node, "--check", str(copy)], capture_output=True, text=True, check=False
        )
        assert result.returncode == 0, f"{name}: {result.stderr}"


def test_a_private_host_is_fine_when_the_browser_calls_it(tmp_path: Path) -> None:
    files = _export(tmp_path, "https://localhost:8443")
    assert "const PENWISE_URL = 'https://localhost:8443/';" in files["Code.gs"]


@pytest.mark.slow
@pytest.mark.parametrize(("server_side", "transport"), [(False, "fetch"), (True, "apps-script")])
def test_code_gs_tells_the_task_pane_its_server_and_transport(
    tmp_path: Path, server_side: bool, transport: str
) -> None:
    node = NODE.require()
    code = _export(tmp_path, server_side=server_side)["Code.gs"]
    script = (
        "const vm = require('vm'); const context = vm.createContext({});"
        "vm.runInContext(require('fs').readFileSync(0, 'utf8'), context);"
        "process.stdout.write(JSON.stringify(context.getSidebarConfig()));"
    )
    result = subprocess.run(
        [node, "-e", script], input=code, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"api": URL + "/", "transport": transport}


@pytest.mark.parametrize(
    ("url", "server_side", "message"),
    [
        ("http://writer.example.org", False, "`addin-server serve --https`"),
        ("writer.example.org", False, "must start with https://"),
        ("https://writer.example.org/?tenant=1", False, "without ? or #"),
        ("https://writer.example.org/#top", False, "without ? or #"),
        ("https://", False, "has no host name"),
        ("https://writer.example.org/a b", False, "percent-encode"),
        ('https://writer.example.org/"><script>', False, "percent-encode"),
        ("https://writer.example.org:99999", False, "invalid port"),
        ("https://user:secret@writer.example.org", False, "user name and password"),
        ("https://localhost:8443", True, "not reachable from Google's servers"),
        ("https://192.168.1.20", True, "without --server-side"),
    ],
)
def test_a_bad_url_is_refused_with_a_reason(
    tmp_path: Path, url: str, server_side: bool, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        export_gdocs(url, tmp_path / "project", server_side=server_side)
    assert not (tmp_path / "project").exists()
