"""The archive's query language: what a searcher types becomes a tree, or a clear error
naming what is wrong; nothing of the text reaches the engines as syntax."""

from __future__ import annotations

import time

import pytest

from eoffice.archive.errors import QueryInvalid, QueryTooLong
from eoffice.archive.index.fts5 import match_expression
from eoffice.archive.index.opensearch import translate
from eoffice.archive.index.query import (
    MAX_QUERY_CHARS,
    All,
    Any,
    Not,
    Phrase,
    Term,
    parse_query,
)


def test_words_are_all_required() -> None:
    assert parse_query("Licencia  OBRAS").root == All((Term("licencia"), Term("obras")))


def test_an_empty_query_matches_everything() -> None:
    assert parse_query("   ").root is None
    assert parse_query("").is_empty


def test_the_syntax() -> None:
    assert parse_query("licen*").root == Term("licen", prefix=True)
    assert parse_query('"licencia de obras"').root == Phrase(("licencia", "de", "obras"))
    assert parse_query("-denegada").root == Not(Term("denegada"))
    assert parse_query('-"vía pública"').root == Not(Phrase(("vía", "pública")))
    assert parse_query("obras OR actividad menor").root == All(
        (Any((Term("obras"), Term("actividad"))), Term("menor")))
    assert parse_query("(obras OR actividad) -denegada").root == All(
        (Any((Term("obras"), Term("actividad"))), Not(Term("denegada"))))
    assert parse_query("URB/2026/000001").root == Phrase(("urb", "2026", "000001"))
    assert parse_query("or").root == Term("or")  # lower-case "or" is a word


def test_the_text_as_typed_is_kept() -> None:
    assert parse_query("Resolución  favorable").text == "Resolución  favorable"


@pytest.mark.parametrize("text", ['"licencia de', "(obras", "obras)", "OR obras",
                                  "obras OR", "obras OR OR actividad", "-", "obras -",
                                  "obras OR -actividad", "(-obras)", "()", "( )"])
def test_malformed_queries_are_refused(text: str) -> None:
    with pytest.raises(QueryInvalid) as refused:
        parse_query(text)
    problem = refused.value.problem()
    assert problem["code"] == "archive.query_invalid" and problem["status"] == 422
    assert problem["detail"] != problem["title"]  # the detail names what is wrong


def test_too_many_words_are_refused() -> None:
    with pytest.raises(QueryInvalid):
        parse_query(" ".join(f"w{n}" for n in range(40)))


def test_a_long_query_is_refused_before_reading_it() -> None:
    assert parse_query("a" * MAX_QUERY_CHARS).root == Term("a" * MAX_QUERY_CHARS)
    with pytest.raises(QueryTooLong):
        parse_query("a" * (MAX_QUERY_CHARS + 1))
    started = time.perf_counter()
    with pytest.raises(QueryTooLong):
        parse_query('"(' * 5_000_000)  # 10 MB of unbalanced syntax
    assert time.perf_counter() - started < 1


def test_fts5_receives_quoted_words_only() -> None:
    root = parse_query('title:secreto NEAR(a b) "x y" lic* -z').root
    assert root is not None
    expression = match_expression(root)
    assert expression == ('(("title secreto" AND "near" AND ("a" AND "b") AND "x y" '
                          'AND "lic"*) NOT "z")')


def test_opensearch_receives_values_not_syntax() -> None:
    root = parse_query("title:secreto OR Lic*").root
    assert root is not None
    query = translate(root)
    should = query["bool"]["should"]
    assert should[0]["multi_match"]["type"] == "phrase"
    assert should[0]["multi_match"]["query"] == "title secreto"
    assert {"prefix": {"text": {"value": "lic"}}} in should[1]["bool"]["should"]
