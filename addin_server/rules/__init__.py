"""Our own rules, one module each, found by walking the rule packages (proselint's registry).

A rule module exposes ``RULE`` (one rule) or ``RULES`` (several built from one table). Adding
a rule is adding a module (or, for a declarative kind, a line of data); nothing to register.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from addin_server.rules.base import Rule

RULE_PACKAGES = ("addin_server.rules.style", "addin_server.rules.grammar")


@cache
def builtin_rules() -> tuple[Rule, ...]:
    """Every rule module's rules, ordered by id; ids are unique."""
    found: dict[str, Rule] = {}
    for package_name in RULE_PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package_name}.{module_info.name}")
            rules = getattr(module, "RULES", None) or [getattr(module, "RULE", None)]
            for rule in filter(None, rules):
                if rule.info.id in found:
                    raise ValueError(f"duplicate rule id {rule.info.id} in {module.__name__}")
                found[rule.info.id] = rule
    return tuple(found[rule_id] for rule_id in sorted(found))
