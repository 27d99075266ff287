"""Text utilities that know nothing of engines or HTTP: offsets, and later chunks and diffs."""
