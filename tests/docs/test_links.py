"""Every relative link of the README and the guides leads somewhere (issue 26): to a file that
exists and, with ``#anchor``, to a heading of that file, named the way GitHub names it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.docs.blocks import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
_FENCED = re.compile(r"^([ \t]*)```.*?^\1```[ \t]*$", re.M | re.S)
_CODE = re.compile(r"`[^`\n]*`")
_LINK = re.compile(r"!?\[(?:[^\]\n]|\][^(\n])*\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_EXTERNAL = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)  # https:, mailto:


def anchor(heading: str) -> str:
    """The anchor GitHub gives ``heading``: lower case, punctuation dropped, spaces as '-'."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link keeps its words
    text = re.sub(r"[^\w\- ]", "", text.lower())
    return text.replace(" ", "-")


def anchors(path: Path) -> set[str]:
    """The anchors of ``path``'s headings; a repeated one gets -1, -2… as on GitHub."""
    seen: dict[str, int] = {}
    found = set()
    for heading in _HEADING.findall(_FENCED.sub("", path.read_text(encoding="utf-8"))):
        name = anchor(heading)
        count = seen.get(name, 0)
        seen[name] = count + 1
        found.add(name if count == 0 else f"{name}-{count}")
    return found


def links(path: Path) -> list[str]:
    """The relative link targets of ``path``, outside code."""
    text = _CODE.sub("", _FENCED.sub("", path.read_text(encoding="utf-8")))
    return [target for target in _LINK.findall(text) if not _EXTERNAL.match(target)]


def broken(path: Path) -> list[str]:
    """The links of ``path`` that lead nowhere, each with the reason."""
    wrong = []
    for target in links(path):
        file, _, fragment = target.partition("#")
        goal = (path.parent / file).resolve() if file else path
        if not goal.exists():
            wrong.append(f"{target}: no such file")
        elif fragment and goal.suffix == ".md" and fragment not in anchors(goal):
            wrong.append(f"{target}: no heading #{fragment} in {goal.name}")
    return wrong


@pytest.mark.parametrize("path", DOCUMENTS, ids=[path.name for path in DOCUMENTS])
def test_every_relative_link_resolves(path: Path) -> None:
    assert broken(path) == []


def test_the_readme_links_every_guide() -> None:
    # The map: a newcomer finds each guide from the README, one click away.
    linked = {(ROOT / target.partition("#")[0]).resolve() for target in links(ROOT / "README.md")}
    assert not [path.name for path in DOCUMENTS[1:] if path not in linked]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        ("HTTPS behind `nginx`", "https-behind-nginx"),
        ("1. HTTPS on your own machine", "1-https-on-your-own-machine"),
        ("An organization's style guide", "an-organizations-style-guide"),
        ("Privacy: `ADDIN_REDACT_PII=1`", "privacy-addin_redact_pii1"),
        ("Checking as you write (issue 21)", "checking-as-you-write-issue-21"),
    ],
)
def test_anchors_are_named_as_github_names_them(heading: str, expected: str) -> None:
    assert anchor(heading) == expected


def test_a_link_to_a_missing_file_or_heading_is_found(tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text("# Guide\n\n## Step one\n\n```sh\n# not a heading\n```\n")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](guide.md#step-one) [gone](missing.md) [no step](guide.md#step-two) "
        "[code](guide.md#not-a-heading) [here](#page) `[in code](nowhere.md)`\n\n# Page\n"
    )
    assert broken(page) == [
        "missing.md: no such file",
        "guide.md#step-two: no heading #step-two in guide.md",
        "guide.md#not-a-heading: no heading #not-a-heading in guide.md",
    ]
