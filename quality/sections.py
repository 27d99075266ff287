"""Generated sections of QUALITY.md: each script owns the text between its two markers.

``python -m quality`` writes the JFLEG report and ``python -m quality rewrites`` its own
section; neither may wipe the other's figures, so each replaces only what lies between its
markers (``<!-- quality:NAME -->`` … ``<!-- /quality:NAME -->``), as bench/ does for
BENCHMARKS.md.
"""

from __future__ import annotations

import re


def markers(name: str) -> tuple[str, str]:
    """The opening and closing marker of the section ``name``."""
    return f"<!-- quality:{name} -->", f"<!-- /quality:{name} -->"


def _pattern(name: str) -> re.Pattern[str]:
    start, end = markers(name)
    return re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)


def extract(document: str, name: str) -> str | None:
    """The section ``name`` of ``document`` with its markers, or None when it has none."""
    found = _pattern(name).search(document)
    return found.group() if found else None


def replace_section(document: str, name: str, body: str) -> str:
    """``document`` with the section ``name`` holding ``body`` (appended when new)."""
    start, end = markers(name)
    section = f"{start}\n{body.strip()}\n{end}"
    if extract(document, name) is not None:
        return _pattern(name).sub(lambda _: section, document, count=1)
    return document.rstrip("\n") + "\n\n" + section + "\n"
