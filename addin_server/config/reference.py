"""Write the configuration reference, docs/configuration.md, from the settings themselves.

Each section of :class:`~addin_server.config.Settings` becomes a heading, its docstring the
paragraph under it, and each of its settings a row: the variable, its default, the kind of
value and what its parser accepts (:mod:`.values`), and its ``doc``. ``make docs`` runs
``python -m addin_server.config.reference --output docs/configuration.md``; a test fails
when the file is not what :func:`render` writes.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from addin_server.config.fields import Variable, variables
from addin_server.config.settings import sections

TITLE = "# Configuration reference"
OPENING = """\
For whoever runs a Penwise server, for themselves or for a team: every `ADDIN_*` variable
the server reads, by section, with its default, the kind of value it takes, the values it
accepts and what it changes. The guides say when to set each:
[Run it for a team](team.md), [Use a model](models.md), [The local engine](local-engine.md)."""
GENERATED = (
    "<!-- Written by `make docs` from addin_server/config/ "
    "(python -m addin_server.config.reference): edit the settings there, not this file. -->"
)
HOW = """\
Every setting is an environment variable, read and checked once at start-up: an invalid
value stops the server (exit status 2) with a message that names the variable, and an empty
one counts as unset. The values each row accepts are the ones its parser takes (the test
suite probes them)."""
HEADER = "| variable | default | type | accepts | meaning |\n| --- | --- | --- | --- | --- |"


def render() -> str:
    """The whole reference, as Markdown."""
    parts = [TITLE, OPENING, GENERATED, HOW, _contents()]
    for _, section in sections():
        rows = "\n".join(_row(variable) for variable in variables(section))
        parts += [
            f"## {section.TITLE}",
            inspect.cleandoc(section.__doc__ or ""),
            f"{HEADER}\n{rows}",
        ]
    return "\n\n".join(parts) + "\n"


def _contents() -> str:
    links = [f"[{section.TITLE}](#{_anchor(section.TITLE)})" for _, section in sections()]
    return "Sections: " + " · ".join(links) + "."


def _anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as ``-``."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def _row(variable: Variable) -> str:
    accepts = variable.accepts
    shown = "" if variable.secret else variable.default_text
    meaning = variable.doc
    if variable.fallback_env:
        meaning += f" `{variable.fallback_env}` is read when it is unset."
    if variable.secret:
        meaning += " Never logged or shown."
    cells = [f"`{variable.env}`", f"`{shown}`" if shown else "", accepts.kind, accepts.words()]
    cells.append(meaning)
    if any("|" in cell or "\n" in cell for cell in cells):
        raise ValueError(f"{variable.env}: a table cell cannot hold '|' or a line break")
    return "| " + " | ".join(cells) + " |"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the reference, or write it to ``--output``; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m addin_server.config.reference",
        description="Write the configuration reference from the settings.",
    )
    parser.add_argument("--output", type=Path, help="the file to write (default: print it)")
    args = parser.parse_args(argv)
    text = render()
    if args.output is None:
        sys.stdout.write(text)
        return 0
    partial = args.output.with_name(args.output.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(args.output)  # whole or not at all
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
