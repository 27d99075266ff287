"""The wheel ships the manifest template and the XSDs: the commands work from `pip install`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import requests

from addin_server.install import office
from tests.conftest import ROOT, free_port

# Everything a build needs, nothing more: copying keeps the build out of the shared checkout.
NOT_BUILT = shutil.ignore_patterns(
    ".*", "node_modules", "build", "dist", "*.egg-info", "__pycache__", "tests", "bench",
    "quality", "examples",
)  # fmt: skip


PIP = (sys.executable, "-m", "pip")


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("ADDIN_")}
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result


def test_an_installed_wheel_serves_the_task_pane_and_renders_the_manifest(tmp_path: Path) -> None:
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=NOT_BUILT)
    run(*PIP, "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", source, cwd=tmp_path)
    (wheel,) = (tmp_path / "dist").glob("penwise-*.whl")

    # A fresh venv that borrows the test venv's dependencies (a plain path entry, so the
    # checkout's editable install is not activated) and gets penwise from the wheel alone.
    venv = tmp_path / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    where_packages = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
    purelib = run(python, "-c", where_packages, cwd=tmp_path)
    borrowed = sysconfig.get_paths()["purelib"]
    Path(purelib.stdout.strip(), "borrowed-deps.pth").write_text(borrowed + "\n", encoding="utf-8")
    run(*PIP, "--python", python, "install", "-q", "--no-deps", wheel, cwd=tmp_path)

    work = tmp_path / "elsewhere"
    work.mkdir()
    where = run(python, "-c", "import addin_server; print(addin_server.__file__)", cwd=work)
    assert Path(where.stdout.strip()).is_relative_to(venv)
    server = venv / "bin" / "addin-server"
    rendered = run(server, "manifest", "office", "--url", "https://writer.example.org", cwd=work)
    assert office.validate(rendered.stdout.encode()) == []
    (work / "manifest.xml").write_text(rendered.stdout, encoding="utf-8")
    validated = run(server, "manifest", "validate", "manifest.xml", cwd=work)
    assert validated.stdout.strip() == "manifest.xml: valid"

    # The same wheel serves the task pane exactly as a checkout does.
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("ADDIN_")}
    env.update({"ADDIN_WORKERS": "1", "ADDIN_THREADS": "2"})
    process = subprocess.Popen(
        [str(server), "serve", "--port", str(port)],
        cwd=work,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        app_js = _get_when_up(base + "/taskpane/app.js")
        assert app_js.status_code == 200
        assert app_js.headers["Content-Type"].startswith("text/javascript")
        assert app_js.content == (ROOT / "taskpane" / "app.js").read_bytes()
        page = requests.get(base + "/taskpane/?host=word", timeout=10)
        assert "office.js" in page.text and page.headers["Content-Security-Policy"]
        assert requests.get(base + "/taskpane/assets/icon-32.png", timeout=10).status_code == 200
    finally:
        os.killpg(process.pid, 15)
        process.wait(15)


def _get_when_up(url: str) -> requests.Response:
    deadline = time.monotonic() + 60
    while True:
        try:
            return requests.get(url, timeout=5)
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
