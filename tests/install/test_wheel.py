"""The wheel ships the manifest template and the XSDs: the commands work from `pip install`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from addin_server.install import office
from tests.conftest import ROOT

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


def test_an_installed_wheel_renders_and_validates_the_manifest(tmp_path: Path) -> None:
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
