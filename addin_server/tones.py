"""The tones a writer can ask a rewrite for; the taskpane builds its picker from this list.

A tone's description is a message (``tone.<name>`` in :mod:`addin_server.messages`): the
picker shows it in the writer's language, and the model's prompt reads the English.
"""

from __future__ import annotations

from dataclasses import dataclass

from addin_server.messages.catalog import english, message


@dataclass(frozen=True, slots=True)
class Tone:
    """A tone of voice a rewrite can take."""

    name: str

    @property
    def message_id(self) -> str:
        """The id of its description in the message tables."""
        return f"tone.{self.name}"

    @property
    def description(self) -> str:
        """What the tone does, in English."""
        return english(message(self.message_id))


TONES: tuple[Tone, ...] = tuple(
    Tone(name)
    for name in (
        "formal",
        "casual",
        "friendly",
        "confident",
        "concise",
        "academic",
        "persuasive",
        "simple",
        "empathetic",
    )
)
TONE_NAMES: tuple[str, ...] = tuple(tone.name for tone in TONES)
