"""A machine of its own for the guides' commands: a private network and private /etc and
/usr/local, so the blocks run as written, with the documented ports and paths.

The sandbox is a Linux mount and network namespace (``unshare``, as root) held open by a
sleeping process; every block runs in it through ``nsenter``. In it:

- the network has only the loopback, with 127.0.0.1, ::1 and the two instances' addresses of
  the team guide (docs/team.md: 10.0.0.11, 10.0.0.12): port 8765, nginx's 443 and 80 are
  this sandbox's, and no server of the machine (another test run, another engineer's) is in
  the way;
- /etc and /usr/local are overlays whose changes live in the scratch folder: ``sudo mkdir -p
  /etc/penwise``, ``update-ca-certificates`` and Let's Encrypt's certificate folder change
  nothing outside;
- ``writer.example.org`` is this machine (/etc/hosts), with a certificate of the suite's own
  CA in /etc/letsencrypt/live/writer.example.org/, and that CA in the system's store: what a
  real deployment has from Let's Encrypt;
- serve blocks one after another (the team guide's instances, one per machine) run together; any
  other block ends that run, and the next serve block stops them;
- ``sudo`` runs the command (the sandbox is root's), ``apt-get install`` checks that the
  package is installed rather than installing it, ``addin-server`` is on PATH (the
  checkout's .venv, as after ``. .venv/bin/activate``), HOME is a scratch folder, and servers
  listen on every address of ``ADDIN_HOST=localhost,10.0.0.11,10.0.0.12``: one server stands
  for the team guide's two instances; each runs one worker process with one Harper thread, the
  machine's size rather than anything a block shows.

Variables a block sets (``PENWISE_KEY=…``) stay set for the blocks after it, as in a terminal.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

from addin_server.install.certs import CertPaths, make_certificates
from tests.docs.blocks import ROOT, Block

SITE = "writer.example.org"
INSTANCES = ("10.0.0.11", "10.0.0.12")
READY_SECONDS = 90
_ASSIGNED = re.compile(r"^([A-Z][A-Z0-9_]*)=", re.MULTILINE)


def unavailable() -> str | None:
    """Why this machine cannot hold the sandbox, if it cannot."""
    if os.geteuid() != 0:
        return "the guides' sandbox needs root (a private network and /etc: unshare)"
    for tool in ("unshare", "nsenter", "nginx", "curl", "openssl", "update-ca-certificates"):
        if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
            return f"{tool} is not installed"
    probe = subprocess.run(["unshare", "--mount", "--net", "true"], capture_output=True)
    if probe.returncode != 0:
        return "unshare is not permitted here: " + probe.stderr.decode(errors="replace")
    return None


class Sandbox:
    """The namespaces, the scratch folder, and what runs in them."""

    def __init__(self, scratch: Path, *, trusted_site: bool = True) -> None:
        """The sandbox in ``scratch``; with ``trusted_site``, the system trusts the
        certificate of writer.example.org (what requests through nginx need)."""
        self.scratch = scratch
        self.home, self.work, self.logs = scratch / "home", scratch / "work", scratch / "logs"
        for folder in (self.home, self.work, self.logs, scratch / "bin", scratch / "site"):
            folder.mkdir(parents=True)
        for name in ("Makefile", "pyproject.toml", ".venv"):  # `make run` in the checkout
            (self.work / name).symlink_to(ROOT / name)
        for name, script in (("sudo", _SUDO), ("apt-get", _APT_GET)):
            (scratch / "bin" / name).write_text(script)
            (scratch / "bin" / name).chmod(0o755)
        self.env_file = scratch / "variables.sh"
        self.env_file.write_text("")
        site = CertPaths(scratch / "site")
        make_certificates(site, [SITE])
        self.holder = subprocess.Popen(
            ["unshare", "--mount", "--net", "--fork", "sh", "-c", self._setup(site, trusted_site)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        assert self.holder.stdout is not None
        said = self.holder.stdout.readline().decode()
        if "ready" not in said:
            self.holder.kill()
            raise RuntimeError(f"the sandbox did not start: {said}{self.holder.stdout.read()!r}")
        self.servers: list[subprocess.Popen[bytes]] = []
        self.starting: list[tuple[Block, subprocess.Popen[bytes], str]] = []
        self.together = False  # the last block was a serve block: the next one joins it
        self.nginx: subprocess.Popen[bytes] | None = None

    def _setup(self, site: CertPaths, trusted_site: bool) -> str:
        overlays = self.scratch / "overlays"
        overlays.mkdir()
        lines = ["set -e", f"mount -t tmpfs tmpfs {overlays}"]
        for folder in ("etc", "usr/local"):
            upper, work = overlays / folder.replace("/", "-"), overlays / f"{folder}-work"
            lines += [
                f"mkdir -p {upper} {work}",
                f"mount -t overlay overlay -o lowerdir=/{folder},upperdir={upper},"
                f"workdir={work} /{folder}",
            ]
        letsencrypt = f"/etc/letsencrypt/live/{SITE}"
        lines += [
            "ip link set lo up",
            *(f"ip addr add {address}/32 dev lo" for address in INSTANCES),
            f"echo '127.0.0.1 {SITE}' >> /etc/hosts",
            f"mkdir -p {letsencrypt}",
            f"cp {site.cert} {letsencrypt}/fullchain.pem",
            f"cp {site.key} {letsencrypt}/privkey.pem",
        ]
        if trusted_site:
            lines += [
                "mkdir -p /usr/local/share/ca-certificates",
                f"cp {site.ca_cert} /usr/local/share/ca-certificates/guides-test-ca.crt",
                "update-ca-certificates >/dev/null 2>&1",
            ]
        lines += [
            "echo ready",
            "exec sleep 86400",
        ]
        return "\n".join(lines)

    # --- running blocks ---

    def environment(self) -> dict[str, str]:
        path = f"{ROOT / '.venv' / 'bin'}:{self.scratch / 'bin'}:/usr/sbin:/usr/bin:/sbin:/bin"
        return {
            "PATH": path,
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "TERM": "dumb",
            "ADDIN_HOST": ",".join(("localhost", *INSTANCES)),
            # One worker, one Harper thread: what the blocks show does not depend on them,
            # and each server then builds and warms in a fraction of the time.
            "ADDIN_WORKERS": "1",
            "ADDIN_LOCAL_CHUNK_THREADS": "1",
        }

    def _inside(self, command: list[str]) -> list[str]:
        return ["nsenter", "-t", str(self.holder.pid), "-m", "-n", "--", *command]

    def shell(self, script: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """Run ``script`` with bash in the sandbox's work folder."""
        return subprocess.run(
            self._inside(["bash", "-c", script]),
            cwd=self.work,
            env=self.environment(),
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def run(self, block: Block) -> subprocess.CompletedProcess[str]:
        """Run a ``test: run`` block as a reader's terminal does (its variables kept)."""
        self.settle()
        assigned = sorted(set(_ASSIGNED.findall(block.text)))
        keep = f"declare -p {' '.join(assigned)} > {self.env_file} 2>/dev/null" if assigned else ""
        script = "\n".join(
            [
                f"set -a; . {self.env_file}; set +a",
                f"cd {self.work}",
                f"trap '{keep}' EXIT" if keep else "",
                "set -o pipefail" + ("; set -e" if block.exit_code == 0 else ""),
                block.text,
            ]
        )
        return self.shell(script, timeout=180)

    def serve(self, block: Block) -> None:
        """Start a ``test: serve`` block, stopping the servers before it unless it follows
        one (then both build at once); the next other block waits until it answers."""
        if not self.together:
            self.stop_servers()
        self.together = True
        port = re.search(r"(?:--port\s+|ADDIN_PORT=)(\d+)", block.text)
        host = re.search(r"(?:--host\s+|ADDIN_HOST=)([^\s,]+)", block.text)
        scheme = "https" if "--https" in block.text else "http"
        address = host.group(1) if host and host.group(1) != "0.0.0.0" else "localhost"
        url = f"{scheme}://{address}:{port.group(1) if port else 8765}"
        log = (self.logs / f"server-{block.line}.log").open("wb")
        script = f"set -a; . {self.env_file}; set +a; cd {self.work}\n{block.text}"
        server = subprocess.Popen(
            self._inside(["bash", "-c", script]),
            cwd=self.work,
            env=self.environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.servers.append(server)
        self.starting.append((block, server, url))

    def settle(self) -> None:
        """Wait until every server started since the last wait answers."""
        self.together = False
        deadline = time.monotonic() + READY_SECONDS
        while self.starting:
            block, server, url = self.starting[0]
            if server.poll() is not None:
                self.starting.clear()
                raise AssertionError(f"{block.name}: the server exited:\n{self.server_log(block)}")
            if self.status(url + "/readyz", insecure=True) == 200:
                self.starting.pop(0)
                continue
            if time.monotonic() > deadline:
                self.starting.clear()
                raise AssertionError(
                    f"{block.name}: not ready in {READY_SECONDS} s:\n{self.server_log(block)}"
                )
            time.sleep(0.25)

    def server_log(self, block: Block) -> str:
        return (self.logs / f"server-{block.line}.log").read_text(errors="replace")[-3000:]

    def status(self, url: str, *, insecure: bool = False) -> int:
        """The status of ``GET url`` in the sandbox (0 when nothing answers)."""
        flags = "-k " if insecure else ""
        answer = self.shell(f"curl -s {flags}-o /dev/null -m 5 -w '%{{http_code}}' '{url}'")
        return int(answer.stdout or 0)

    def nginx_test(self, block: Block) -> subprocess.CompletedProcess[str]:
        """``nginx -t`` on the site as written, wrapped as Debian's nginx.conf includes a
        site."""
        folder = self.scratch / f"nginx-{block.line}"
        folder.mkdir(exist_ok=True)
        (folder / "site.conf").write_text(block.text)
        conf = folder / "nginx.conf"
        temp = " ".join(
            f"{name}_temp_path {folder / name};"
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        conf.write_text(
            f"worker_processes 1;\npid {folder / 'nginx.pid'};\nerror_log {folder / 'error.log'};\n"
            "events { worker_connections 64; }\n"
            f"http {{\n    access_log off;\n    {temp}\n    include {folder / 'site.conf'};\n}}\n"
        )
        return self.shell(f"nginx -t -c {conf} -e {folder / 'error.log'}")

    def nginx_site(self, block: Block) -> subprocess.CompletedProcess[str]:
        """``nginx -t`` on the site as written; then nginx serves it until the next site.
        Return the test's outcome."""
        self.settle()
        self.stop_nginx()
        tested = self.nginx_test(block)
        if tested.returncode != 0:
            return tested
        folder = self.scratch / f"nginx-{block.line}"
        conf = folder / "nginx.conf"
        self.nginx = subprocess.Popen(
            self._inside(
                ["nginx", "-c", str(conf), "-e", str(folder / "error.log"), "-g", "daemon off;"]
            ),
            env=self.environment(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while self.status(f"https://{SITE}/healthz") != 200:
            assert self.nginx.poll() is None, (folder / "error.log").read_text()
            assert time.monotonic() < deadline, "nginx did not answer"
            time.sleep(0.1)
        return tested

    def stop_servers(self) -> None:
        self.starting.clear()
        while self.servers:
            _stop(self.servers.pop())

    def stop_nginx(self) -> None:
        self.nginx = _stop(self.nginx)

    def close(self) -> None:
        self.stop_nginx()
        self.stop_servers()
        _stop(self.holder)


_SUDO = '#!/bin/sh\nexec "$@"\n'
# The sandbox installs nothing (no network, and /var is the machine's): a package a block
# installs must be on this machine already (the Makefile's SYSTEM_PACKAGES), as after the
# reader's own `apt-get install`.
_APT_GET = """#!/bin/sh
[ "$1" = install ] || { echo "apt-get $1: not in the guides' sandbox" >&2; exit 100; }
shift
for package in "$@"; do
  case $package in -*) continue;; esac
  dpkg -s "$package" >/dev/null 2>&1 || { echo "E: $package is not installed here" >&2; exit 100; }
  echo "$package is already the newest version."
done
"""


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is not None and process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(5)
    return None


def first_json(output: str) -> object:
    """The first JSON document in ``output``."""
    start = min((index for index in (output.find("{"), output.find("[")) if index >= 0), default=-1)
    if start < 0:
        raise AssertionError(f"no JSON in the output: {output[:500]!r}")
    value, _ = json.JSONDecoder().raw_decode(output[start:])
    return value
