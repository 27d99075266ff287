"""Run code once a request's answer is finished: when a plain answer is made, and after the
last event of a stream (or when its client goes away).

Flask 3.1 tears a request down when the view returns and, for a ``stream_with_context``
stream, once more when the stream ends: a place in flight or the payer of the model calls
must last until the second. A WSGI server also closes every answer; that counts too.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, Response, g

_KEY = "penwise_when_finished"


class _Finish:
    """What to run when the answer is finished, once."""

    def __init__(self) -> None:
        self.callbacks: list[Callable[[], None]] = []
        self.streamed = False
        self.done = False

    def run(self) -> None:
        if not self.done:
            self.done = True
            for callback in self.callbacks:
                callback()


def when_finished(callback: Callable[[], object]) -> None:
    """Run ``callback`` once the current request's answer is finished."""
    finish = g.get(_KEY)
    if finish is None:
        finish = _Finish()
        setattr(g, _KEY, finish)
    finish.callbacks.append(callback)


def install_finish_hooks(app: Flask) -> None:
    """Make :func:`when_finished` work in ``app``."""

    @app.after_request
    def _streamed(response: Response) -> Response:
        finish = g.get(_KEY)
        if finish is not None and response.is_streamed:
            finish.streamed = True
            response.call_on_close(finish.run)
        return response

    @app.teardown_request
    def _finished(_error: BaseException | None) -> None:
        finish = g.get(_KEY)
        if finish is None:
            return
        if finish.streamed:  # the stream has yet to run; its own teardown comes after it
            finish.streamed = False
        else:
            finish.run()
