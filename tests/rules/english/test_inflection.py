"""Verb forms come from lemminflect's tables, enough to turn "made a decision" into "decided"."""

from __future__ import annotations

import pytest

from addin_server.rules.english.inflection import Form, verb_forms
from addin_server.rules.english.irregular_verbs import irregular_participles


@pytest.mark.parametrize(
    ("verb", "forms"),
    [
        ("decide", ("decides", "decided", "decided", "deciding")),
        ("plan", ("plans", "planned", "planned", "planning")),
        ("study", ("studies", "studied", "studied", "studying")),
        ("choose", ("chooses", "chose", "chosen", "choosing")),
        ("agree", ("agrees", "agreed", "agreed", "agreeing")),
        ("admit", ("admits", "admitted", "admitted", "admitting")),
        ("analyze", ("analyzes", "analyzed", "analyzed", "analyzing")),
        ("be", ("is", "was", "been", "being")),
        ("have", ("has", "had", "had", "having")),
    ],
)
def test_verb_forms(verb: str, forms: tuple[str, ...]) -> None:
    every = verb_forms(verb)
    assert (every.third, every.past, every.participle, every.gerund) == forms
    assert every.get(Form.PAST) == forms[1]


# Where lemminflect's first choice differs from the spelling rules and irregular-verb list it
# replaced: none of these verbs is in a table that the light-verb rule inflects (checked by
# the test below), so no suggestion changes.
@pytest.mark.parametrize(
    ("verb", "form", "lemminflect", "before"),
    [
        ("bear", Form.PARTICIPLE, "born", "borne"),
        ("broadcast", Form.PAST, "broadcasted", "broadcast"),
        ("forecast", Form.PAST, "forecasted", "forecast"),
        ("lie", Form.PARTICIPLE, "lied", "lain"),
        ("light", Form.PARTICIPLE, "lighted", "lit"),
        ("prove", Form.PARTICIPLE, "proved", "proven"),
        ("quit", Form.PARTICIPLE, "quitted", "quit"),
        ("redo", Form.THIRD, "re-does", "redoes"),
        ("wake", Form.PARTICIPLE, "waked", "woken"),
        ("weave", Form.PAST, "weaved", "wove"),
    ],
)
def test_where_lemminflect_differs(verb: str, form: Form, lemminflect: str, before: str) -> None:
    assert verb_forms(verb).get(form) == lemminflect != before


def test_the_light_verb_tables_use_none_of_the_verbs_that_differ() -> None:
    from addin_server.rules.tables import DATA, rows

    differing = {"bear", "broadcast", "forecast", "lie", "light", "prove", "quit", "redo"}
    used = set()
    for light, _, target in rows(DATA / "nominalizations.tsv"):
        used |= {light, target.split(" ")[0]}
    assert len(used) > 50
    assert not used & (differing | {"sting", "wake", "weave"})


def test_irregular_participles_are_listed() -> None:
    assert {"written", "taken", "built"} <= irregular_participles()
    assert "decided" not in irregular_participles()
