"""Knowing what helps without reading anyone's text: request ids, metrics and feedback.

``metrics`` and ``feedback`` know nothing of Flask; ``http`` wires them into an app.
"""
