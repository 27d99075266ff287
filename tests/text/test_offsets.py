"""Code point and UTF-16 offsets agree with Python's own UTF-16 encoder."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from addin_server.text.offsets import Utf16Index, replace_lone_surrogates, utf16_length

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60)


def encoded_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@given(texts, st.data())
def test_to_utf16_matches_the_encoder(text: str, data: st.DataObject) -> None:
    offset = data.draw(st.integers(0, len(text)))
    assert Utf16Index(text).to_utf16(offset) == encoded_length(text[:offset])


@given(texts)
def test_round_trip(text: str) -> None:
    index = Utf16Index(text)
    for offset in range(len(text) + 1):
        assert index.to_code_points(index.to_utf16(offset)) == offset


def test_offset_inside_a_surrogate_pair_maps_to_its_start() -> None:
    index = Utf16Index("a😀b")
    assert [index.to_code_points(unit) for unit in range(5)] == [0, 1, 1, 2, 3]


@given(texts)
def test_utf16_length(text: str) -> None:
    assert utf16_length(text) == encoded_length(text)


def test_lone_surrogates_are_replaced_one_for_one() -> None:
    text = "a\ud800b\udc00"
    cleaned = replace_lone_surrogates(text)
    assert cleaned == "a\ufffdb\ufffd" and len(cleaned) == len(text)
    assert replace_lone_surrogates("😀") == "😀"
