"""Our own rules, one module each, found by walking the rule packages (proselint's registry).

A rule module exposes ``RULE`` (one rule) or ``RULES`` (several built from one table). Adding
a rule is adding a module (or, for a declarative kind, a line of data); nothing to register.
The rule packages hold rules only (what rules share lives in :mod:`.english`, :mod:`.base`,
:mod:`.kinds` and :mod:`.sentence_rules`), so a module that exports no rule is a mistake (a
typo in ``RULE`` would hide the rule) and discovery says so.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache

from addin_server.rules.base import Rule

RULE_PACKAGES = ("addin_server.rules.style", "addin_server.rules.grammar")


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every rule module's rules, ordered by id; ids are unique."""
    return discover_rules(RULE_PACKAGES)


def discover_rules(package_names: Iterable[str]) -> tuple[Rule, ...]:
    """The rules of every module in ``package_names``, ordered by id.

    Raises ``ValueError`` for a module that exports no rule and for a rule id seen twice.
    """
    found: dict[str, Rule] = {}
    for package_name in package_names:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{module_info.name}")
            rule = getattr(module, "RULE", None)
            rules: list[Rule] = list(getattr(module, "RULES", ())) or ([rule] if rule else [])
            if not rules:
                raise ValueError(f"{module.__name__} exports no RULE or RULES")
            for each in rules:
                if each.info.id in found:
                    raise ValueError(f"duplicate rule id {each.info.id} in {module.__name__}")
                found[each.info.id] = each
    return tuple(found[rule_id] for rule_id in sorted(found))
