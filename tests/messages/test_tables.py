"""The message tables: every language says every message, with the same parameters; every
rule's messages are there; every id the code uses exists; Harper's messages read back."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from addin_server.messages.catalog import (
    ENGLISH,
    LANGUAGES,
    fill,
    parameters,
    recognise,
    table,
)
from addin_server.rules import builtin_rules
from addin_server.rules.base import Document, Rule
from addin_server.rules.kinds import PhraseRule

PACKAGE = Path(__file__).resolve().parents[2] / "addin_server"
RULES = builtin_rules()
TRANSLATIONS = [language for language in LANGUAGES if language != ENGLISH]


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_message_has_a_translation_and_no_translation_is_of_nothing(language: str) -> None:
    english, translated = table(ENGLISH), table(language)
    assert sorted(set(english) - set(translated)) == [], f"missing in {language}"
    assert sorted(set(translated) - set(english)) == [], f"in {language} but not in en"


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_translation_has_the_parameters_of_the_english(language: str) -> None:
    english, translated = table(ENGLISH), table(language)
    differ = {
        message_id: (sorted(parameters(template)), sorted(parameters(translated[message_id])))
        for message_id, template in english.items()
        if message_id in translated and parameters(template) != parameters(translated[message_id])
    }
    assert differ == {}


def test_a_missing_parameter_in_a_translation_fails(tmp_path: Path) -> None:
    """The check above catches what it is for (a translation that lost ``{fixed}``)."""
    english = "After “{quantifier}”, write “{fixed}”."
    lost = "名词单复数：“{quantifier}”后面的名词用复数。"
    assert parameters(english) != parameters(lost)


def _rule_ids(rule: Rule) -> set[str]:
    """The ids of a rule's messages: its own id and its variants."""
    return {
        message_id
        for message_id in table(ENGLISH)
        if message_id == rule.info.id or message_id.startswith(rule.info.id + ".")
    }


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.info.id)
@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_rule_has_its_messages_in_every_language(rule: Rule, language: str) -> None:
    ids = _rule_ids(rule)
    assert ids, f"{rule.info.id} has no message in en.toml"
    missing = sorted(message_id for message_id in ids if message_id not in table(language))
    assert missing == [], f"{rule.info.id} has no {language} template for {missing}"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.info.id)
def test_a_rules_issues_carry_its_own_message_ids(rule: Rule) -> None:
    """Each issue its examples raise says a message of the tables, of its own rule."""
    for example in rule.info.examples:
        for issue in rule.find(Document(example.text)):
            assert issue.message_id in _rule_ids(rule), (issue.message_id, example.text)
            for language in TRANSLATIONS:
                assert issue.message_id in table(language)


@pytest.mark.parametrize(
    "rule", [rule for rule in RULES if isinstance(rule, PhraseRule)], ids=lambda r: r.info.id
)
def test_a_phrase_table_has_a_message_for_each_kind_of_entry(rule: PhraseRule) -> None:
    wanted = set()
    for entry in rule.phrases.values():
        suffix = ".delete" if entry.deletes else ".no_fix" if not entry.preferred else ""
        wanted.add(rule.info.id + suffix)
    assert wanted <= set(table(ENGLISH))


# Calls that name a message by a literal id: message("id", ...), replace_token(t, r, "id").
_MESSAGE_CALLS = {"message": 0, "Message": 0, "replace_token": 2}


def _literal_ids() -> dict[str, str]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            at = _MESSAGE_CALLS.get(name)
            if at is None or len(node.args) <= at:
                continue
            argument = node.args[at]
            if (
                isinstance(argument, ast.Constant)
                and isinstance(argument.value, str)
                and argument.value
            ):
                found[argument.value] = f"{path.relative_to(PACKAGE)}:{node.lineno}"
    return found


def test_every_message_id_the_code_names_is_in_the_tables() -> None:
    found = _literal_ids()
    assert len(found) > 50
    missing = {
        message_id: where for message_id, where in found.items() if message_id not in table(ENGLISH)
    }
    assert missing == {}


def test_harpers_templates_read_back_as_themselves() -> None:
    """Each Harper template, filled in, is recognised as that template and no other: no
    template of a rule shadows another (a parameter's lazy match would take it)."""
    for message_id, template in table(ENGLISH).items():
        if not message_id.startswith("harper.") or message_id.startswith("harper.SpellCheck"):
            continue
        values = tuple((name, f"w{n}") for n, name in enumerate(sorted(parameters(template))))
        rule = message_id.split(".")[1]
        prefixes = ("harper.any",) if rule == "any" else (f"harper.{rule}", "harper.any")
        found = recognise(prefixes, fill(template, values))
        assert found is not None and found.id == message_id, (message_id, found)
        assert dict(found.params) == dict(values)


def test_a_message_with_other_words_is_not_recognised() -> None:
    """Never guessed: Harper words a message differently, and no template says it."""
    assert recognise(("harper.AnA", "harper.any"), "Incorrect indefinite article.") is not None
    assert recognise(("harper.AnA", "harper.any"), "Incorrect indefinite article here.") is None
    assert recognise(("harper.Nope", "harper.any"), "Did you mean “than”?") is not None


def test_a_value_with_braces_is_put_in_as_written() -> None:
    assert fill("Write “{fixed}”.", (("fixed", "{word}"),)) == "Write “{word}”."
    assert re.fullmatch(r"\{\w+\}", fill("{x}", ())) is not None


def test_every_tone_has_its_description_and_every_description_a_tone() -> None:
    from addin_server.tones import TONES

    described = {key.removeprefix("tone.") for key in table(ENGLISH) if key.startswith("tone.")}
    assert described == {tone.name for tone in TONES}
