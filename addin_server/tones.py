"""The tones a writer can ask a rewrite for; the taskpane builds its picker from this list."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tone:
    """A tone of voice a rewrite can take."""

    name: str
    description: str


TONES: tuple[Tone, ...] = (
    Tone("formal", "Professional and polished: no contractions, slang or exclamations."),
    Tone("casual", "Relaxed and conversational, with everyday words and contractions."),
    Tone("friendly", "Warm and approachable, as if writing to a colleague you like."),
    Tone("confident", "Direct and assured: no hedging, no apologising."),
    Tone("concise", "Shorter: the same meaning with fewer words."),
    Tone("academic", "Precise and objective, as in a paper or report."),
    Tone("persuasive", "Makes a case: clear claims, benefits and a call to action."),
    Tone("simple", "Plain English: short sentences and common words."),
    Tone("empathetic", "Acknowledges the reader's feelings and situation with care."),
)
TONE_NAMES: tuple[str, ...] = tuple(tone.name for tone in TONES)
