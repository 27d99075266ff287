"""The parser module: lazy loading, batch parsing, a bounded cache, safe across threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from addin_server.rules.english.nlp import PARSER, Parser


def test_a_parse_gives_tags_dependencies_and_offsets() -> None:
    sentence = "A bag of apples were on the table."
    parse = PARSER.parse(sentence)
    assert parse is not None
    words = {token.text: token for token in parse.tokens}
    assert words["bag"].dep == "nsubj" and words["bag"].tag == "NN"
    assert words["apples"].tag == "NNS"
    for token in parse.tokens:
        assert sentence[token.start : token.end] == token.text
    assert [t.text for t in parse.subtree(words["bag"].i)] == ["A", "bag", "of", "apples"]


def test_the_cache_is_bounded_and_reused() -> None:
    parser = Parser(cache_size=3)
    sentences = [f"Sentence number {n} is short." for n in range(5)]
    first = parser.parse_many(sentences)
    assert list(first) == sentences
    assert parser.cache_len() == 3
    again = parser.parse(sentences[-1])
    assert again is first[sentences[-1]]  # the very same record: no second parse


def test_a_missing_model_package_means_no_parses_not_an_error() -> None:
    parser = Parser(packages=("no_such_model_package",))
    assert not parser.available()
    assert parser.parse("It is fine.") is None


def test_parallel_parsing_gives_the_same_parses_as_serial() -> None:
    sentences = [f"The list of {n} names are long." for n in range(40)]
    serial = [Parser().parse(sentence) for sentence in sentences[:5]]
    shared = Parser()
    with ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(shared.parse, sentences))
    assert parallel[:5] == serial
    assert all(parse is not None for parse in parallel)
