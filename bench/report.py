"""What the benchmarks share: their flags, the machine line and their section of BENCHMARKS.md.

A benchmark prints its section, a Markdown table between two markers, and writes it into
BENCHMARKS.md in place of the last one (or at the end). ``--tiny`` runs each measurement
once on small texts without writing (``make test`` does, so the script keeps working; it
asserts nothing about speed); ``--no-write`` measures in full but only prints.
"""

from __future__ import annotations

import argparse
import os
import platform
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCHMARKS = ROOT / "BENCHMARKS.md"


def arguments(description: str, tiny: str) -> argparse.ArgumentParser:
    """A parser with ``--tiny`` (``tiny`` says what it runs) and ``--no-write``."""
    parser = argparse.ArgumentParser(description=description.split("\n")[0])
    parser.add_argument("--tiny", action="store_true", help=tiny)
    parser.add_argument("--no-write", action="store_true")
    return parser


def machine_memory() -> str:
    """The machine's memory, for the machine line."""
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return f"{pages / 2**30:.0f} GiB"


def machine_line() -> str:
    """The machine a benchmark ran on and its load at the end, for a section's text."""
    return (
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, {machine_memory()}, Python "
        f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f} at the end "
        "(a shared machine: the ratios, from one run, say more than the times)."
    )


def markers(mark: str) -> tuple[str, str]:
    """The two markers around the section named ``mark``."""
    return f"<!-- {mark} -->", f"<!-- /{mark} -->"


def section_text(lines: Sequence[str], mark: str) -> str:
    """The section named ``mark``: ``lines`` between its markers."""
    start, end = markers(mark)
    return "\n".join([start, *lines, end])


def replace_section(section: str, start: str, end: str) -> None:
    """Put ``section`` (which begins with ``start`` and ends with ``end``) in BENCHMARKS.md in
    place of the one between those markers, or at the end; the rest stays as it is."""
    current = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    if start in current and end in current.split(start, 1)[1]:
        before, rest = current.split(start, 1)
        updated = before + section + rest.split(end, 1)[1]
    else:
        updated = current.rstrip("\n") + "\n\n" + section + "\n"
    BENCHMARKS.write_text(updated, encoding="utf-8")


def write_section(lines: Sequence[str], mark: str) -> None:
    """Put ``lines``, between ``mark``'s markers, in BENCHMARKS.md."""
    replace_section(section_text(lines, mark), *markers(mark))


def publish(lines: Sequence[str], mark: str, args: argparse.Namespace) -> None:
    """Print the section and write it unless ``--tiny`` or ``--no-write`` said not to."""
    print(section_text(lines, mark))
    if not (args.tiny or args.no_write):
        write_section(lines, mark)
