"""Places for requests that wait on the model, so that they never take every thread.

A request that calls the model holds its server thread for as long as the model takes: with
a model that answered one byte a second, 8 rewrites held 7 of a process's 8 threads and
local checks got ``503 busy``. So the in-flight cap lets only part of its places be held by
requests that wait on the model (limits.in_flight), and a request takes one of those before
its first model call. One that finds them all taken is answered by the local engine at once,
and the answer says so (``llm-busy``): waiting for one would hold a place kept for the local
engine. Inside, requests queue for the model's calls (``ADDIN_LLM_CONCURRENCY``), each by
its own deadline.

Engines know nothing of the server: they are given something with :class:`ModelPlaces`'
two methods, or nothing (no limit: a test client, another WSGI server).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from addin_server.engines.llm.errors import ModelBusy


class ModelPlaces(Protocol):
    """A bounded number of places, each held by one request that waits on the model."""

    def take(self) -> bool:
        """Take a place if one is free; whether one was taken."""
        ...

    def give_back(self) -> None:
        """Give a place back."""
        ...


@contextmanager
def model_place(places: ModelPlaces | None) -> Iterator[None]:
    """Hold a place for the model while the block runs; :class:`ModelBusy` if none is free."""
    if places is None:
        yield
        return
    if not places.take():
        raise ModelBusy(
            "Every place this server keeps for requests that wait on the model is taken "
            "(half of ADDIN_MAX_IN_FLIGHT); the rest are kept for the local engine."
        )
    try:
        yield
    finally:
        places.give_back()
