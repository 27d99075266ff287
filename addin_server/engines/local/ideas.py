"""Idea prompts without a model: the text's key phrases fill templates per idea kind.

The templates are data (``prompts/local_ideas.toml``). Key phrases come from
:mod:`text.keyphrases`, read from the body only (:mod:`engines.local.idea_phrases`: no greeting,
signature, header, name or flagged word); a template puts "the" before a phrase, so a bare
noun reads as English ("the second tab"). The outline's points come from the text's
paragraphs (or, for one paragraph, its groups of sentences). The same text and options
always give the same ideas, and a text with any words in it always gets at least one idea
of every kind asked.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import regex

from addin_server.engines.base import IdeaOptions
from addin_server.engines.local.idea_phrases import (
    NOT_A_PHRASE_TAG,
    body_only,
    without_proper_nouns,
)
from addin_server.messages.catalog import message, notice
from addin_server.records import Idea, IdeaKind, IdeasResult, Span
from addin_server.rules.english.nlp import PARSER
from addin_server.text.keyphrases import key_phrases
from addin_server.text.sentences import sentence_spans

TEMPLATES = Path(__file__).resolve().parents[2] / "prompts" / "local_ideas.toml"
MAX_PHRASES = 12
# Sentences parsed for parts of speech: about 5,000 words, under a second.
TAGGED_SENTENCES = 250
MAX_POINTS = 6
POINT_WORDS = 10
# When no content word stands out ("It is what it is."), the templates still read well.
FALLBACK_PHRASE = "this point"
FALLBACK_TOPIC = "this topic"
_DETERMINERS = frozenset("the a an this that these those".split())
# Words before a phrase that show it takes an article: an article or a possessive.
_ARTICLE_TAKERS = _DETERMINERS | frozenset("my our your his her its their every each".split())
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


def suggest_ideas(
    text: str, options: IdeaOptions, engine: str, flagged: Iterable[Span] = ()
) -> IdeasResult:
    """Ideas of the kinds asked, ``options.count`` of each at most, in the order asked;
    ``flagged`` are the spans the check found fault with (their words are never echoed)."""
    if not regex.search(r"\w", text):
        empty = notice("no-content", message("notice.no-content.ideas"))
        return IdeasResult((), engine, warnings=(empty,))
    body, tags = idea_body(text, flagged)
    phrases = [phrase.text for phrase in key_phrases(body, MAX_PHRASES, tags)] or [FALLBACK_PHRASE]
    topic = phrases[0] if phrases[0] != FALLBACK_PHRASE else FALLBACK_TOPIC
    points = outline_points(text, tags, body)
    noun_phrases = {phrase: as_written(phrase, body) for phrase in (*phrases, topic)}
    ideas: list[Idea] = []
    for kind in options.kinds:
        ideas.extend(_ideas_of_kind(kind, options.count, phrases, topic, points, noun_phrases))
    return IdeasResult(tuple(ideas), engine)


def idea_body(text: str, flagged: Iterable[Span] = ()) -> tuple[str, dict[int, str]]:
    """The text ideas read (its body, ``flagged`` words blanked) and its parts of speech,
    proper nouns marked as no part of a key phrase."""
    body = body_only(text, flagged)
    return body, without_proper_nouns(parts_of_speech(body))


def parts_of_speech(text: str, max_sentences: int = TAGGED_SENTENCES) -> dict[int, str]:
    """Universal parts of speech by word offset, for the text's first sentences (tagging
    a whole book would cost seconds; its opening says what it is about). A noun that works
    as an adverb ("the call yesterday", "hours every day") is tagged as no part of a key
    phrase: it is a time or a measure, not a thing to write about."""
    spans = sentence_spans(text)[:max_sentences]
    parses = PARSER.parse_many([text[span.start : span.end] for span in spans])
    tags: dict[int, str] = {}
    for span in spans:
        parse = parses.get(text[span.start : span.end])
        for token in parse.tokens if parse else ():
            adverbial = token.dep == "npadvmod"
            tags[span.start + token.start] = NOT_A_PHRASE_TAG if adverbial else token.pos
    return tags


def _ideas_of_kind(
    kind: IdeaKind,
    count: int,
    phrases: list[str],
    topic: str,
    points: str,
    noun_phrases: dict[str, str],
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
        values = _values(phrase, other, topic, points, noun_phrases)
        text = _fill(template.text, values)
        if text in seen:
            continue
        seen.add(text)
        ideas.append(Idea(kind, _fill(template.title, values), text))
    return ideas


def _values(
    phrase: str, other: str, topic: str, points: str, noun_phrases: dict[str, str]
) -> dict[str, str]:
    values = {"phrase": phrase, "other": other, "topic": topic, "points": points}
    for name in ("phrase", "other", "topic"):
        values[name.capitalize()] = _capitalise(values[name])
        values[name.capitalize() + "_title"] = title_case(values[name])
        values["the_" + name] = noun_phrases.get(values[name], values[name])
    return values


def as_written(phrase: str, body: str) -> str:
    """The phrase as a noun phrase, the way the writer uses it: "the second tab" where the
    text says "the second tab" or "a second tab", but "remote work" where it says "Remote
    work changes…" (a mass noun takes no article, and only the writer's usage tells which
    nouns are mass nouns); "this point" has its own."""
    if phrase.split()[0].lower() in _DETERMINERS:
        return phrase
    before = regex.findall(r"(\w+)\W+" + regex.escape(phrase) + r"\b", body, flags=regex.IGNORECASE)
    bare = regex.search(r"\b" + regex.escape(phrase) + r"\b", body, flags=regex.IGNORECASE)
    if bare is None or any(word.lower() in _ARTICLE_TAKERS for word in before):
        return "the " + phrase
    return phrase


def _fill(template: str, values: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group()), template)


def outline_points(text: str, pos: Mapping[int, str] | None = None, body: str | None = None) -> str:
    """Numbered points, one per paragraph (or group of sentences) of the body, each led by
    its key phrase; ``pos`` holds the parts of speech by offset, where known, and ``body``
    is the text with all but its body blanked (:func:`engines.idea_phrases.body_only`)."""
    body = text if body is None else body
    sections = [
        Span(part.start(), part.end())
        for part in regex.finditer(r"(?:(?!\n\s*\n).)+", body, regex.DOTALL)
        if regex.search(r"\w", part.group())
    ]
    if len(sections) < 2:
        spans = sentence_spans(body)
        size = max(1, -(-len(spans) // MAX_POINTS))
        sections = [
            Span(spans[i].start, spans[min(i + size, len(spans)) - 1].end)
            for i in range(0, len(spans), size)
        ]
    lines = []
    for number, span in enumerate(sections[:MAX_POINTS], start=1):
        section = text[span.start : span.end]
        local_pos = {
            offset - span.start: tag
            for offset, tag in (pos or {}).items()
            if span.start <= offset < span.end
        }
        found = key_phrases(body[span.start : span.end], 1, local_pos)
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
