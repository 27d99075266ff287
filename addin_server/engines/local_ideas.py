"""Idea prompts without a model: the text's key phrases fill templates per idea kind.

The templates are data (``prompts/local_ideas.toml``). Key phrases come from
:mod:`text.keyphrases`; the outline's points come from the text's paragraphs (or, for one
paragraph, its groups of sentences). The same text and options always give the same ideas,
and a text with any words in it always gets at least one idea of every kind asked.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from addin_server.engines.base import IdeaOptions
from addin_server.records import Idea, IdeaKind, IdeasResult, Notice
from addin_server.text.keyphrases import key_phrases
from addin_server.text.sentences import sentence_spans

TEMPLATES = Path(__file__).resolve().parents[1] / "prompts" / "local_ideas.toml"
MAX_PHRASES = 12
MAX_POINTS = 6
POINT_WORDS = 10
# When no content word stands out ("It is what it is."), the templates still read well.
FALLBACK_PHRASE = "this point"
FALLBACK_TOPIC = "this topic"
_SMALL_WORDS = frozenset("a an the and or but nor of to in on at by for with as vs".split())
_PLACEHOLDER = regex.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Template:
    """One idea template: a title and a text, both with placeholders."""

    title: str
    text: str

    @property
    def relates_two(self) -> bool:
        """Whether it needs two different phrases ({other})."""
        return "{other" in (self.title + self.text).lower()


@cache
def templates() -> dict[IdeaKind, tuple[Template, ...]]:
    """The templates of every idea kind, read once from ``prompts/local_ideas.toml``."""
    raw = tomllib.loads(TEMPLATES.read_text(encoding="utf-8"))
    return {
        kind: tuple(Template(item["title"], item["text"]) for item in raw[kind.value])
        for kind in IdeaKind
    }


def suggest_ideas(text: str, options: IdeaOptions, engine: str) -> IdeasResult:
    """Ideas of the kinds asked, ``options.count`` of each at most, in the order asked."""
    if not regex.search(r"\w", text):
        notice = Notice("no-content", "The text has no words to suggest ideas from.")
        return IdeasResult((), engine, warnings=(notice,))
    phrases = [phrase.text for phrase in key_phrases(text, MAX_PHRASES)] or [FALLBACK_PHRASE]
    topic = phrases[0] if phrases[0] != FALLBACK_PHRASE else FALLBACK_TOPIC
    points = outline_points(text)
    ideas: list[Idea] = []
    for kind in options.kinds:
        ideas.extend(_ideas_of_kind(kind, options.count, phrases, topic, points))
    return IdeasResult(tuple(ideas), engine)


def _ideas_of_kind(
    kind: IdeaKind, count: int, phrases: list[str], topic: str, points: str
) -> list[Idea]:
    usable = [t for t in templates()[kind] if len(phrases) > 1 or not t.relates_two]
    ideas: list[Idea] = []
    seen: set[str] = set()
    for n in range(count * 2):  # a repeat is skipped, so try a few more than asked
        if len(ideas) == count:
            break
        template = usable[n % len(usable)]
        phrase = phrases[n % len(phrases)]
        other = phrases[(n + 1) % len(phrases)]
        values = _values(phrase, other, topic, points)
        text = _fill(template.text, values)
        if text in seen:
            continue
        seen.add(text)
        ideas.append(Idea(kind, _fill(template.title, values), text))
    return ideas


def _values(phrase: str, other: str, topic: str, points: str) -> dict[str, str]:
    values = {"phrase": phrase, "other": other, "topic": topic, "points": points}
    for name in ("phrase", "other", "topic"):
        values[name.capitalize()] = _capitalise(values[name])
        values[name.capitalize() + "_title"] = title_case(values[name])
    return values


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group()), template)


def outline_points(text: str) -> str:
    """Numbered points, one per paragraph (or group of sentences), each led by its key
    phrase."""
    sections = [part for part in regex.split(r"\n\s*\n", text) if regex.search(r"\w", part)]
    if len(sections) < 2:
        spans = sentence_spans(text)
        size = max(1, -(-len(spans) // MAX_POINTS))
        sections = [
            text[spans[i].start : spans[min(i + size, len(spans)) - 1].end]
            for i in range(0, len(spans), size)
        ]
    lines = []
    for number, section in enumerate(sections[:MAX_POINTS], start=1):
        found = key_phrases(section, 1)
        words = section.split()
        gist = " ".join(words[:POINT_WORDS]) + ("…" if len(words) > POINT_WORDS else "")
        lead = _capitalise(found[0].text) if found else "Point"
        lines.append(f"{number}. {lead}: {gist}")
    return "\n".join(lines)


def title_case(phrase: str) -> str:
    """Headline case: every word capitalised but the small ones inside; acronyms kept."""
    words = phrase.split()
    shown = []
    for index, word in enumerate(words):
        if 0 < index < len(words) - 1 and word.lower() in _SMALL_WORDS:
            shown.append(word.lower())
        else:
            shown.append(_capitalise(word))
    return " ".join(shown)


def _capitalise(word: str) -> str:
    return word[:1].upper() + word[1:]
