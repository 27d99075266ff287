"""Fixtures of the text tests."""

from __future__ import annotations

from tests.offline import no_network

__all__ = ["no_network"]
