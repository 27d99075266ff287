"""The tones a writer can ask a rewrite for: one record each, read from ``tones.toml``.

Everything that knows a tone reads it here: the request schemas (the names they accept),
``GET /v1/tones`` (the picker, in the writer's language), the local engine (its recipe) and
the model's prompt (its wording). A tone's description is a message (``tone.<name>`` in
:mod:`addin_server.messages`), and the task pane's label of it is ``tone.<name>`` in its own
tables. The records are read through :func:`all_tones` and :func:`find`, so a tone added to
``TONES`` (as a test does with a data file of its own) is seen everywhere at once.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from addin_server.messages.catalog import english, message

DATA = Path(__file__).with_name("tones.toml")
Availability = Literal["fully", "partly", "not"]


@dataclass(frozen=True, slots=True)
class LocalRecipe:
    """How the local engine takes a tone without a model (see ``tones.toml``)."""

    formality: int = 0
    steps: tuple[str, ...] = ()
    last_steps: tuple[str, ...] = ()
    available: Availability = "fully"


@dataclass(frozen=True, slots=True)
class Tone:
    """A tone of voice a rewrite can take."""

    name: str
    local: LocalRecipe = field(default_factory=LocalRecipe)
    wording: str = ""  # what the model reads, when it is not the English description

    @property
    def message_id(self) -> str:
        """The id of its description in the message tables."""
        return f"tone.{self.name}"

    @property
    def label_key(self) -> str:
        """The key of its name in the task pane's tables (``taskpane/i18n``)."""
        return f"tone.{self.name}"

    @property
    def description(self) -> str:
        """What the tone does, in English."""
        return english(message(self.message_id))

    @property
    def prompt(self) -> str:
        """What the model's prompt says of the tone."""
        return self.wording or f"{self.name}: {self.description}"


def load(path: Path) -> tuple[Tone, ...]:
    """The tones of the data file at ``path``, in its order."""
    with path.open("rb") as file:
        entries: list[dict[str, Any]] = tomllib.load(file)["tone"]
    return tuple(_tone(entry) for entry in entries)


def _tone(entry: dict[str, Any]) -> Tone:
    local = dict(entry.get("local", {}))
    for key in ("steps", "last_steps"):
        local[key] = tuple(local.get(key, ()))
    return Tone(str(entry["name"]), LocalRecipe(**local), str(entry.get("prompt", "")))


TONES: tuple[Tone, ...] = load(DATA)


def all_tones() -> tuple[Tone, ...]:
    """Every tone, in the order the picker shows them."""
    return TONES


def find(name: str | None) -> Tone | None:
    """The tone called ``name``, or ``None`` (no tone asked, or no such tone)."""
    return next((tone for tone in TONES if tone.name == name), None)


class _Names(Collection[str]):
    """The names of the tones, read when asked (a schema holds it from import on)."""

    def __contains__(self, name: object) -> bool:
        return any(tone.name == name for tone in TONES)

    def __iter__(self) -> Iterator[str]:
        return iter([tone.name for tone in TONES])

    def __len__(self) -> int:
        return len(TONES)

    def __repr__(self) -> str:
        return repr(tuple(self))


TONE_NAMES: Collection[str] = _Names()
