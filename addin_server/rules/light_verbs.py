"""A declarative kind for nominalisations: "made a decision" -> "decided".

Each table row names a light verb, the noun phrase it carries and the verb that says the same
thing. Every form of the light verb is matched and the verb is put in the same form; a past
participle is told from a past tense by a form of "have" before it ("had made a choice" ->
"had chosen", "made a choice" -> "chose").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from addin_server.messages.catalog import message
from addin_server.records import Issue, Span
from addin_server.rules.base import Document, RuleInfo, make_issue
from addin_server.rules.editing import replacement_edit
from addin_server.rules.english.inflection import Form, verb_forms
from addin_server.rules.kinds import PhraseIndex
from addin_server.rules.tables import DATA, normalise, rows

_BE_FORMS = {
    "be": (Form.BASE,),
    "am": (Form.BASE,),
    "is": (Form.THIRD,),
    "are": (Form.BASE,),
    "was": (Form.PAST,),
    "were": (Form.PAST,),
    "been": (Form.PARTICIPLE,),
    "being": (Form.GERUND,),
}
_HAVE = frozenset({"have", "has", "had", "having", "i've", "you've", "we've", "they've"})
_BETWEEN = frozenset({"not", "never", "already", "just", "also", "recently", "finally", "n't"})


@dataclass(frozen=True, slots=True)
class _Variant:
    """One inflected phrase ("made a decision"), the forms its verb can be, and the target."""

    forms: tuple[Form, ...]
    target: str


def load_light_verbs(name: str) -> dict[str, _Variant]:
    """Expand ``data/<name>`` into every inflected phrase it covers."""
    variants: dict[str, _Variant] = {}
    for light, noun_phrase, target in rows(DATA / name):
        inflected: dict[str, tuple[Form, ...]]
        if light == "be":
            inflected = dict(_BE_FORMS)
        else:
            every = verb_forms(light)
            inflected = {every.get(form): tuple(every.forms_of(every.get(form))) for form in Form}
        for word, forms in inflected.items():
            variants[normalise(f"{word} {noun_phrase}")] = _Variant(forms, target)
    return variants


@dataclass
class LightVerbRule:
    """Flag a light verb plus noun ("make a decision") and offer the verb ("decide").

    ``table`` (a file in ``data/``) is expanded on first use, not when the rule is made:
    the word forms come from lemminflect, whose tables take about a second to load, and
    loading the rules must not wait for them (the engine's warm-up loads them).
    """

    info: RuleInfo
    table: str

    @cached_property
    def variants(self) -> dict[str, _Variant]:
        """Every inflected phrase of the table, with its forms and target."""
        return load_light_verbs(self.table)

    @cached_property
    def _index(self) -> PhraseIndex:
        return PhraseIndex(self.variants)

    def find(self, document: Document) -> Iterator[Issue]:
        """Yield one issue per light-verb phrase."""
        words, text = document.words, document.text
        for match in self._index.find(document):
            variant = self.variants[match.key]
            form = _pick_form(variant.forms, document, match.first)
            verb, _, rest = variant.target.partition(" ")
            preferred = " ".join(filter(None, (verb_forms(verb).get(form), rest)))
            span = Span(words[match.first].span.start, words[match.last].span.end)
            edit_span, replacement = replacement_edit(text, span, preferred)
            found = text[span.start : span.end]
            said = message(self.info.id, phrase=found, preferred=replacement)
            yield make_issue(self.info, edit_span, said, [replacement])


def _pick_form(forms: tuple[Form, ...], document: Document, first: int) -> Form:
    if len(forms) == 1:
        return forms[0]
    index = first - 1
    while index >= 0 and document.words[index].key in _BETWEEN:
        index -= 1
    after_have = index >= 0 and document.words[index].key in _HAVE
    if Form.PARTICIPLE in forms and after_have:
        return Form.PARTICIPLE
    return next(form for form in forms if form is not Form.PARTICIPLE)
