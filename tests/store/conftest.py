"""A real ``redis-server`` for the tests of the shared state (see tests/limits/conftest.py)."""

from tests.limits.conftest import redis_server

__all__ = ["redis_server"]
