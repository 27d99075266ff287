"""Fixtures of the API tests: a ``/v1/check`` that answers as the schema says."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from flask.testing import FlaskClient

from addin_server.schemas.check import CheckResponseSchema

Check = Callable[..., dict[str, Any]]


def checked(client: FlaskClient, **body: object) -> dict[str, Any]:
    """``POST /v1/check`` of ``body`` through ``client``: the answer, once it is a 200 that
    matches the response schema."""
    response = client.post("/v1/check", json=body)
    assert response.status_code == 200, response.get_json()
    payload: dict[str, Any] = response.get_json()
    assert CheckResponseSchema().validate(payload) == {}
    return payload


@pytest.fixture()
def check(client: FlaskClient) -> Check:
    """:func:`checked` through the shared app's client."""
    return partial(checked, client)
