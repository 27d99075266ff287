"""Markdown's non-prose is hidden from our rules without moving an offset."""

from __future__ import annotations

from addin_server.rules.base import Document
from addin_server.text.markdown_mask import mask_markdown

MARKDOWN = """# Title

Some prose in order to test.

```python
in_order_to = "in order to"
```

| column | value |
| --- | --- |
| in order to | x |

- first item
- second item
"""


def test_offsets_are_kept_and_non_prose_is_blank() -> None:
    masked = mask_markdown(MARKDOWN)
    assert len(masked) == len(MARKDOWN)
    assert masked.count("in order to") == 1  # only the prose keeps it
    assert masked.index("in order to") == MARKDOWN.index("in order to")
    assert "```" not in masked and "|" not in masked
    assert [masked[i] for i, char in enumerate(MARKDOWN) if char == "\n"] == [
        "\n"
    ] * MARKDOWN.count("\n")


def test_list_items_and_headings_are_sentences_of_their_own() -> None:
    sentences = [MARKDOWN[s.start : s.end] for s in Document(mask_markdown(MARKDOWN)).sentences]
    assert sentences == ["Title", "Some prose in order to test.", "first item", "second item"]
