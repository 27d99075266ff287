"""The in-order run of every guide block (``@pytest.mark.guides``) takes a minute or two: it
runs only when asked for, ``pytest -m guides`` (``make test-guides``)."""

from __future__ import annotations

import re

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Leave out the ``guides`` tests unless the run's ``-m`` names them."""
    if re.search(r"(?<!not )\bguides\b", config.option.markexpr or ""):
        return
    left_out = [item for item in items if item.get_closest_marker("guides")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("guides")]
