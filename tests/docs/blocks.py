"""The command blocks of the guides (README.md and docs/**/*.md), and how each is tested.

A reader is told to run a fenced block; the comment on the line before it tells the suite
what to do with it (a reader of the rendered page does not see it, a reader of the Markdown
does):

- ``<!-- test: run -->``: run it with bash in the sandbox, as a reader's terminal would; it
  must exit 0. Options, after ``;``: ``exit N`` (it must exit N), ``expect "text"`` (its
  output holds the text), ``issues 0 9 25`` (its output's first JSON document has issues at
  those offsets, no more, no fewer).
- ``<!-- test: client -->``: a command that asks the server a ``serve`` block above started
  (``curl``); the same options as ``run``.
- ``<!-- test: serve -->``: a server that keeps running: started in the background (the one
  before it stopped), and the blocks after it run while it answers.
- ``<!-- test: nginx -->``: an nginx site: ``nginx -t`` as written, then requests through it.
- ``<!-- not tested: reason -->``: a block this machine cannot run (Windows, macOS, Google's
  servers), with the reason.

Every block in a command language must carry one of them (tests/docs/test_guides.py).

``make test`` runs the ``run`` blocks in order and ``nginx -t`` on the sites, in seconds;
``make test-guides`` runs every block in order, the servers and the requests through nginx
too (a minute or two: each server builds its engine).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMAND_LANGUAGES = frozenset(
    {"sh", "bash", "shell", "console", "bat", "cmd", "powershell", "ps1", "nginx", "ini"}
)
KINDS = ("run", "client", "serve", "nginx")
_MARKER = re.compile(r"^<!--\s*(test|not tested):\s*(.*?)\s*-->$")
_FENCE = re.compile(r"^(\s*)```(\S*)\s*$")


@dataclass(frozen=True)
class Block:
    """One fenced block of a guide, with what its marker says."""

    path: Path
    line: int  # of the opening fence, 1-based
    language: str
    text: str
    kind: str | None = None  # run, client, serve, nginx, "not tested", or None (no marker)
    reason: str = ""  # why it is not tested
    exit_code: int = 0
    expect: tuple[str, ...] = ()
    issues: tuple[int, ...] | None = None
    problems: tuple[str, ...] = field(default=())  # what is wrong with the marker itself

    @property
    def name(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


_DOC_LINK = re.compile(r"\]\((docs/[^)#\s]+\.md)")


def guides(root: Path = ROOT) -> list[Path]:
    """README.md, then the guides under docs/ in the order the README's map first links
    them, then any other Markdown file under docs/ (sorted).

    The blocks run in that order, and a guide's blocks may use what an earlier guide set up
    (the Word guide's certificate, the team guide's nginx and key), as a reader following
    the map would."""
    readme = root / "README.md"
    linked = [root / target for target in _DOC_LINK.findall(readme.read_text(encoding="utf-8"))]
    found = sorted((root / "docs").rglob("*.md"))
    ordered = [path for path in dict.fromkeys(linked) if path in found]
    return [readme, *ordered, *(path for path in found if path not in ordered)]


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of ``path`` in order, each with the marker just before it."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    number = 0
    while number < len(lines):
        fence = _FENCE.match(lines[number])
        if not fence:
            number += 1
            continue
        indent, language = fence.group(1), fence.group(2).lower()
        end = number + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        body = [
            line[len(indent) :] if line.startswith(indent) else line
            for line in lines[number + 1 : end]
        ]
        previous = lines[number - 1].strip() if number else ""
        found.append(_marked(path, number + 1, language, "\n".join(body) + "\n", previous))
        number = end + 1
    return found


def stray_markers(path: Path) -> list[int]:
    """Lines holding a marker that no fence follows (a marker that tests nothing)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [
        number + 1
        for number, line in enumerate(lines)
        if _MARKER.match(line.strip())
        and not (number + 1 < len(lines) and _FENCE.match(lines[number + 1]))
    ]


def _marked(path: Path, line: int, language: str, text: str, previous: str) -> Block:
    marker = _MARKER.match(previous)
    if marker is None:
        return Block(path, line, language, text)
    if marker.group(1) == "not tested":
        reason = marker.group(2)
        problems = () if reason else ("`not tested` needs a reason",)
        return Block(path, line, language, text, "not tested", reason, problems=problems)
    kind, *options = [part.strip() for part in marker.group(2).split(";")]
    values: dict[str, object] = {"exit_code": 0, "expect": (), "issues": None}
    problems: list[str] = [] if kind in KINDS else [f"unknown kind {kind!r}"]
    for option in options:
        name, _, rest = option.partition(" ")
        if name == "exit":
            values["exit_code"] = int(rest)
        elif name == "expect":
            values["expect"] = (*values["expect"], *shlex.split(rest))  # type: ignore[misc]
        elif name == "issues":
            values["issues"] = tuple(int(offset) for offset in rest.split())
        else:
            problems.append(f"unknown option {option!r}")
    return Block(path, line, language, text, kind, problems=tuple(problems), **values)  # type: ignore[arg-type]
