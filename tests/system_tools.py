"""The programs some suites need besides Python packages: where each one is, why a test that
needs a missing one is skipped, and how to install it.

A test that needs one calls ``CHROMIUM.require()`` (or ``REDIS_SERVER``, ``NGINX``, ``NODE``):
it gets the program's path, or the test is skipped with a reason that names what is missing
and the command that installs it. ``PENWISE_TEST_<NAME>`` points a tool at another path (one
that does not exist stands for a machine without it: tests/test_system_tools.py).

``python -m tests.system_tools --stamp FILE [PACKAGE ...]`` is ``make test``'s install step:
it installs what is missing with apt-get (as root, or through sudo where sudo can run), or
prints one block that says what is missing and how to install it, and lets the run go on
(but in CI, where nothing may be skipped). It touches FILE only when nothing is missing, so
the next run tries again.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# Where Debian and Homebrew put programs that a non-root PATH often lacks.
_SYSTEM_DIRS = ("/usr/bin", "/usr/sbin", "/usr/local/bin", "/opt/homebrew/bin")


class MissingTool(pytest.skip.Exception):  # type: ignore[name-defined]
    """A skip for want of a system tool: tests/conftest.py reports those once per tool, not
    once per test."""


@dataclass(frozen=True)
class SystemTool:
    """A program that some suites need, and how a developer installs it."""

    name: str
    needed_by: str
    debian: tuple[str, ...]
    homebrew: str
    also: tuple[str, ...] = ()  # other names or absolute paths it goes by

    @property
    def variable(self) -> str:
        """The test-only variable that points this tool at another path."""
        return "PENWISE_TEST_" + self.name.upper().replace("-", "_")

    def path(self) -> str | None:
        """Where the tool is: the variable's path if set (even a missing one), else PATH, then
        the usual system folders."""
        chosen = os.environ.get(self.variable)
        if chosen:
            return chosen if os.access(chosen, os.X_OK) else None
        for name in (self.name, *self.also):
            found = shutil.which(name) or shutil.which(name, path=os.pathsep.join(_SYSTEM_DIRS))
            if found:
                return found
        return None

    def where(self) -> str:
        """Why the tool counts as missing: not installed, or not where the variable says."""
        chosen = os.environ.get(self.variable)
        return f"not at {chosen}: {self.variable}" if chosen else "not installed"

    def missing(self) -> str:
        """The skip reason: what is missing, for what, and the command that installs it."""
        return (
            f"{self.name} is {self.where()}, needed by {self.needed_by}: {self.install_command()}"
        )

    def install_command(self) -> str:
        """The one command that installs the tool on this system."""
        if self.debian and shutil.which("apt-get"):
            return "sudo apt-get install " + " ".join(self.debian)
        if sys.platform == "darwin":
            return "brew install " + self.homebrew
        return f"install {self.name} with your package manager"

    def require(self) -> str:
        """The tool's path; skip the calling test when it is missing."""
        found = self.path()
        if found is None:
            raise MissingTool(self.missing())
        return found


# The fonts go with Chromium: the pane's screenshots show Chinese and emoji.
CHROMIUM = SystemTool(
    "chromium",
    "the pane's browser tests (tests/pane/browser)",
    ("chromium", "fonts-noto-cjk", "fonts-noto-color-emoji"),
    "--cask chromium",
    (
        "chromium-browser",
        "/snap/bin/chromium",
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
    ),
)
REDIS_SERVER = SystemTool(
    "redis-server", "the tests of state shared through Redis", ("redis-server",), "redis"
)
NGINX = SystemTool("nginx", "the tests behind nginx", ("nginx-light",), "nginx")
# The guides' step that trusts the development CA in Chrome's store (`make test-guides`).
CERTUTIL = SystemTool("certutil", "the guides' CA step", ("libnss3-tools",), "nss")
# Node is not installed with apt-get here: Debian's may be older than the pane's tools need.
NODE = SystemTool("node", "tsc and the pane's unit tests (node --test)", (), "node@20")
NPM = SystemTool("npm", "the pane's test tools (package.json)", (), "node@20")

APT_TOOLS = (CHROMIUM, REDIS_SERVER, NGINX, CERTUTIL)
DEBIAN_PACKAGES = tuple(package for tool in APT_TOOLS for package in tool.debian)


def missing_packages(packages: tuple[str, ...]) -> list[str]:
    """The Debian packages of ``packages`` that dpkg does not have installed, but for a tool's
    own package where the tool is found anyway (Ubuntu's Chromium is a snap)."""
    found = {tool.debian[0] for tool in APT_TOOLS if tool.path() is not None}
    return [
        package
        for package in packages
        if package not in found
        and subprocess.run(["dpkg", "-s", package], capture_output=True).returncode != 0
    ]


def can_sudo() -> bool:
    """Whether sudo may run apt-get for a developer who is not root.

    Without a password prompt (``sudo -n true``) always. With one only at a terminal: whoever
    typed ``make test`` there expects it to install what it needs, as before, and can answer;
    a run without a terminal (an editor, a CI job as a user) must not hang on a prompt.
    """
    if shutil.which("sudo") is None:
        return False
    if subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        return True
    return sys.stdin.isatty()


def apt_get_install(packages: list[str]) -> bool:
    """Install ``packages`` with apt-get, through sudo unless root; whether it worked."""
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    print(f"make test: installing {' '.join(packages)} ({' '.join([*prefix, 'apt-get'])})")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]
    for command in (["apt-get", "update", "-qq"], install):
        if subprocess.run(prefix + command, env=env).returncode != 0:
            return False
    return True


def report(packages: list[str], tools: list[SystemTool], why: str = "") -> str:
    """One block: what is missing, what is skipped for it, and how to install it."""
    if os.environ.get("CI"):
        lines = [f"make test stops: a CI run must have everything, and these are missing{why}:"]
    else:
        lines = [f"make test goes on without these{why}; the tests that need them are skipped:"]
    lines += [f"  {tool.name} ({tool.where()}): {tool.needed_by}" for tool in tools]
    if packages:
        lines.append(f"  Debian packages not installed: {' '.join(packages)}")
    install = []
    if packages:
        install.append(f"  sudo apt-get install --no-install-recommends {' '.join(packages)}")
    apt = shutil.which("apt-get") is not None
    others = [t for t in tools if not os.environ.get(t.variable) and not (t.debian and apt)]
    if NODE in others or NPM in others:
        install.append("  Node.js 20 (node and npm): https://nodejs.org or your package manager")
    others = [tool for tool in others if tool not in (NODE, NPM)]
    if others and sys.platform == "darwin":
        install.append("  brew install " + " ".join(tool.homebrew for tool in others))
    elif others:
        names = ", ".join(tool.name for tool in others)
        install.append(f"  your package manager: {names}, and fonts with Chinese and emoji")
    if install:
        lines += ["Install them with:", *install]
    rule = "-" * 78
    return "\n".join([rule, *lines, rule])


def main(argv: list[str] | None = None) -> int:
    """Install what ``make test`` needs where this user can; else say what is missing."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--stamp", type=Path, help="touched when nothing is missing")
    parser.add_argument("packages", nargs="*", help="Debian packages (default: every tool's)")
    arguments = parser.parse_args(argv)
    packages = tuple(arguments.packages) or DEBIAN_PACKAGES
    debian = shutil.which("apt-get") is not None and shutil.which("dpkg") is not None
    why = ""
    if debian and (wanted := missing_packages(packages)):
        root = os.geteuid() == 0
        if not (root or can_sudo()):
            why = " (not root, and no sudo that can run here)"
        elif not apt_get_install(wanted):
            if root:
                return 1  # root on Debian (CI) must have everything
            why = " (sudo apt-get failed)"
    still = missing_packages(packages) if debian else []
    tools = [tool for tool in (*APT_TOOLS, NODE, NPM) if tool.path() is None]
    if not still and not tools:
        if arguments.stamp:
            arguments.stamp.touch()
        return 0
    print(report(still, tools, why), flush=True)
    # A CI job (every CI service sets CI) runs everything: nothing may be skipped there unseen.
    return 1 if os.environ.get("CI") else 0


if __name__ == "__main__":
    sys.exit(main())
