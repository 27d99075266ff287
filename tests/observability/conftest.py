"""Fixtures: a real redis-server on a loopback port, a model server, and reading /metrics."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask.testing import FlaskClient
from prometheus_client.parser import text_string_to_metric_families

from tests.limits.conftest import start_redis

KEY = "observability-test-key-0123456789"
AUTH = {"Authorization": f"Bearer {KEY}"}


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A throwaway redis-server on a free loopback port for the session, no persistence."""
    server = start_redis(tmp_path_factory.mktemp("redis"))
    yield server.url
    server.stop()


def metric(client: FlaskClient, name: str, **labels: str) -> float:
    """The sum of ``name``'s samples with ``labels`` in this server's /metrics answer."""
    answer = client.get("/metrics")
    assert answer.status_code == 200
    return sample(answer.get_data(as_text=True), name, **labels)


def sample(exposition: str, name: str, **labels: str) -> float:
    """The sum of ``name``'s samples with ``labels`` in a Prometheus text exposition."""
    total = 0.0
    for family in text_string_to_metric_families(exposition):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                total += found.value
    return total
