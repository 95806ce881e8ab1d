"""The archive search API: what each caller finds is trimmed to what she may see (unit,
confidentiality); anonymous callers get 401, citizens 403; a query that cannot be parsed,
a 10 MB query, a filter that is not a facet or a page out of range are refused with a
problem+json and a stable code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from flask.testing import FlaskClient

from eoffice.archive.index.port import IndexedItem
from eoffice.archive.runtime import ArchiveRuntime

Headers = Callable[[str], dict[str, str]]
URL = "/api/v1/archive/search"


def item(number: str, unit: str, text: str, *, kind: str = "file",
         confidentiality: str = "restricted", year: int = 2026) -> IndexedItem:
    record = number.replace("/", "-")
    return IndexedItem(id=f"{kind}:{record}", kind=kind, record_id=record, file_number=number,
                       title=f"Subject of {number}", text=text, unit=unit, series="URB-LIC",
                       year=year, confidentiality=confidentiality, procedure="minor-works",
                       date=date(year, 3, 1), parties=("Ana García Puig",))


@pytest.fixture
def indexed(fresh_archive: ArchiveRuntime) -> ArchiveRuntime:
    fresh_archive.index.ensure()
    fresh_archive.index.put([
        item("URB/2026/000901", "URB", "Licence for the pergola of Carrer Major"),
        item("URB/2025/000902", "URB", "Another pergola, older", year=2025),
        item("ODP/2026/000903", "ODP", "Pergola on the public road"),
        item("URB/2026/000904", "URB", "A confidential pergola", confidentiality="confidential"),
    ])
    return fresh_archive


def numbers(body: dict[str, object]) -> set[str]:
    items = body["items"]
    assert isinstance(items, list)
    return {hit["file_number"] for hit in items}


def test_each_caller_finds_only_what_she_may_see(
        client: FlaskClient, token_for: Headers, indexed: ArchiveRuntime) -> None:
    clerk = client.get(URL, query_string={"q": "pergola"}, headers=token_for("clerk"))
    assert clerk.status_code == 200, clerk.get_json()
    assert numbers(clerk.get_json()) == {"URB/2026/000901", "URB/2025/000902"}
    assert clerk.get_json()["total"] == 2
    units = clerk.get_json()["facets"]["unit"]
    assert units == [{"value": "URB", "count": 2}]  # facets never count the unseen

    other = client.get(URL, query_string={"q": "pergola"}, headers=token_for("clerk3"))
    assert numbers(other.get_json()) == {"ODP/2026/000903"}

    archivist = client.get(URL, query_string={"q": "pergola"},
                           headers=token_for("archivist")).get_json()
    assert archivist["total"] == 4
    hit = next(h for h in archivist["items"] if h["file_number"] == "URB/2026/000901")
    assert {"file_number", "title", "procedure", "closed_at", "highlights", "kind",
            "unit", "series", "year"} <= set(hit)
    assert any("<mark>" in h and "ergola" in h for h in hit["highlights"])


def test_filters_narrow_the_results_and_keep_the_trimming(
        client: FlaskClient, token_for: Headers, indexed: ArchiveRuntime) -> None:
    answer = client.get(URL, query_string={"q": "pergola", "year": "2025"},
                        headers=token_for("archivist")).get_json()
    assert numbers(answer) == {"URB/2025/000902"}
    answer = client.get(URL, query_string=[("unit", "URB"), ("unit", "ODP")],
                        headers=token_for("clerk3")).get_json()
    assert numbers(answer) == {"ODP/2026/000903"}  # asking for URB shows nothing more


def test_pages_of_results(client: FlaskClient, token_for: Headers,
                          indexed: ArchiveRuntime) -> None:
    first = client.get(URL, query_string={"q": "pergola", "per_page": 3},
                       headers=token_for("archivist")).get_json()
    second = client.get(URL, query_string={"q": "pergola", "per_page": 3, "page": 2},
                        headers=token_for("archivist")).get_json()
    assert (len(first["items"]), len(second["items"])) == (3, 1)
    assert first["total"] == second["total"] == 4
    assert numbers(first).isdisjoint(numbers(second))


def test_anonymous_callers_and_citizens_are_refused(
        client: FlaskClient, token_for: Headers, indexed: ArchiveRuntime) -> None:
    anonymous = client.get(URL, query_string={"q": "pergola"})
    assert anonymous.status_code == 401
    assert anonymous.mimetype == "application/problem+json"
    citizen = client.get(URL, query_string={"q": "pergola"}, headers=token_for("ana"))
    assert citizen.status_code == 403
    assert citizen.get_json()["code"] == "archive.not_allowed"


@pytest.mark.parametrize(("query", "code"), [
    ({"q": '"unbalanced'}, "archive.query_invalid"),
    ({"q": "(pergola"}, "archive.query_invalid"),
    ({"q": "pergola OR"}, "archive.query_invalid"),
    ({"q": "x" * 501}, "archive.query_too_long"),
    ({"q": "pergola", "series": "<script>"}, "archive.search_filter_invalid"),
    ({"q": "pergola", "kind": "people"}, "archive.search_filter_invalid"),
    ({"q": "pergola", "year": "twenty"}, "archive.search_filter_invalid"),
])
def test_bad_searches_are_refused_with_a_stable_code(
        client: FlaskClient, token_for: Headers, indexed: ArchiveRuntime,
        query: dict[str, str], code: str) -> None:
    before = indexed.index.count()
    answer = client.get(URL, query_string=query, headers=token_for("archivist"))
    assert answer.status_code == 422
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["code"] == code
    assert indexed.index.count() == before


def test_a_ten_megabyte_query_is_refused_without_searching(
        client: FlaskClient, token_for: Headers, indexed: ArchiveRuntime) -> None:
    answer = client.get(URL, query_string={"q": "pergola " * (10 * 1024 * 1024 // 8)},
                        headers=token_for("archivist"))
    assert answer.status_code in (413, 414, 422)
    assert answer.mimetype == "application/problem+json"
    assert answer.get_json()["code"] in ("archive.query_too_long", "request.too_large")


def test_page_numbers_out_of_range_are_refused(
        client: FlaskClient, token_for: Headers, indexed: ArchiveRuntime) -> None:
    for query in ({"page": 0}, {"per_page": 101}, {"page": "x"}):
        answer = client.get(URL, query_string=query, headers=token_for("archivist"))
        assert answer.status_code == 422, query
        assert answer.mimetype == "application/problem+json"
