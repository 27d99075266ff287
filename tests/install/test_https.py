"""`addin-server certs` in a temporary home, then `serve --https` trusted through that CA only."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
import requests
from cryptography import x509

from addin_server import ConfigError, Settings
from addin_server.install.certs import CertPaths, cert_dir
from tests.conftest import SERVER, free_port, start_server, stop_server


def environment(home: Path, **extra: str) -> dict[str, str]:
    """The process environment with a private home and config folder, and no ADDIN_*."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ADDIN_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / "config"), **extra)
    return env


def certs(home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SERVER), "certs"], env=environment(home), capture_output=True, text=True, timeout=60
    )


def test_cert_dir_follows_the_platform_conventions() -> None:
    assert cert_dir({"XDG_CONFIG_HOME": "/x"}, "linux") == Path("/x/penwise/certs")
    assert cert_dir({"HOME": "/h"}, "darwin") == Path("/h/.config/penwise/certs")
    assert cert_dir({"APPDATA": "C:/AppData"}, "win32") == Path("C:/AppData/Penwise/certs")


@pytest.mark.slow
def test_certs_keeps_the_ca_and_renews_the_certificate(tmp_path: Path) -> None:
    first = certs(tmp_path)
    assert first.returncode == 0, first.stderr
    paths = CertPaths(tmp_path / "config" / "penwise" / "certs")
    for text in ("certutil", "security add-trusted-cert", "update-ca-certificates", "trust anchor"):
        assert text in first.stdout
    assert str(paths.ca_cert) in first.stdout and "serve --https" in first.stdout
    assert paths.ca_key.stat().st_mode & 0o777 == 0o600
    assert paths.key.stat().st_mode & 0o777 == 0o600
    ca_before, leaf_before = paths.ca_cert.read_bytes(), paths.cert.read_bytes()

    second = certs(tmp_path)
    assert second.returncode == 0
    assert "Kept the development CA" in second.stdout
    assert paths.ca_cert.read_bytes() == ca_before
    assert paths.cert.read_bytes() != leaf_before
    leaf = x509.load_pem_x509_certificate(paths.cert.read_bytes())
    names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert names.get_values_for_type(x509.DNSName) == ["localhost"]
    assert {str(ip) for ip in names.get_values_for_type(x509.IPAddress)} == {"127.0.0.1", "::1"}


@pytest.mark.slow
def test_serve_https_without_certificates_says_to_make_them(tmp_path: Path) -> None:
    result = subprocess.run(
        [str(SERVER), "serve", "--https", "--port", str(free_port())],
        env=environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "addin-server certs" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_serve_https_is_trusted_through_the_development_ca_only(tmp_path: Path) -> None:
    assert certs(tmp_path).returncode == 0
    ca = tmp_path / "config" / "penwise" / "certs" / "ca.pem"
    server = start_server(
        tmp_path,
        {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config")},
        https_ca=ca,
    )
    try:
        response = requests.get(server.url + "/healthz", timeout=10, verify=str(ca))
        assert response.json() == {"status": "ok"}
        by_address = server.url.replace("localhost", "127.0.0.1")
        manifest = requests.get(by_address + "/manifest.xml", timeout=10, verify=str(ca))
        assert f"{by_address}/taskpane/?host=word" in manifest.text
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(server.url + "/healthz", timeout=10)  # the system's roots only
        assert f"Penwise at {server.url}/" in server.log()
    finally:
        stop_server(server)


def test_tls_settings_go_together_and_must_exist(tmp_path: Path) -> None:
    cert = tmp_path / "cert.pem"
    cert.write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="ADDIN_TLS_CERT and ADDIN_TLS_KEY"):
        Settings.load({"ADDIN_TLS_CERT": str(cert)})
    with pytest.raises(ConfigError, match="ADDIN_TLS_KEY"):
        Settings.load({"ADDIN_TLS_CERT": str(cert), "ADDIN_TLS_KEY": str(tmp_path / "nope")})
    with pytest.raises(ConfigError, match="ADDIN_PUBLIC_URL"):
        Settings.load({"ADDIN_PUBLIC_URL": "writer.example.org"})
    settings = Settings.load({"ADDIN_PUBLIC_URL": "https://writer.example.org/pen/"})
    assert settings.tls.public_url == "https://writer.example.org/pen"
