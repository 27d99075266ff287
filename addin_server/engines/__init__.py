"""Engines do the writing work (check, and later rewrite and ideas); they know nothing of HTTP."""
