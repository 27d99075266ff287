"""Measure the grammar engine on JFLEG: GLEU, tokenisation, and the `make quality` run.

Kept outside ``addin_server`` on purpose: the data set (CC BY-NC-SA) and the scorer are
tools for us, not part of what the server ships.
"""
