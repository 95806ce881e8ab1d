"""The archive's search page: a GET form that works without JavaScript, facets with counts
that keep the query, hits with their highlights (only <mark> passes as HTML), pages, the
error of a bad search in the page (422), and nothing a user may not see."""

from __future__ import annotations

from datetime import date

import pytest
from flask.testing import FlaskClient

from eoffice.archive.index.port import IndexedItem
from eoffice.archive.runtime import ArchiveRuntime
from eoffice.archive.search_pages import highlight_html
from tests.conftest import sign_in

URL = "/backoffice/archive/search"


def item(number: str, unit: str, text: str, *, year: int = 2026) -> IndexedItem:
    record = number.replace("/", "-")
    return IndexedItem(id=f"file:{record}", kind="file", record_id=record, file_number=number,
                       title=f"Subject of {number}", text=text, unit=unit, series="URB-LIC",
                       year=year, confidentiality="restricted", procedure="minor-works",
                       date=date(year, 3, 1))


@pytest.fixture
def indexed(fresh_archive: ArchiveRuntime) -> ArchiveRuntime:
    fresh_archive.index.ensure()
    fresh_archive.index.put([
        item("URB/2026/000911", "URB", "Pergola <b>of</b> Carrer Major"),
        item("ODP/2026/000912", "ODP", "Pergola on the public road"),
        *[item(f"URB/2025/{n:06d}", "URB", "An older pergola", year=2025)
          for n in range(920, 945)],
    ])
    return fresh_archive


def test_the_clerk_searches_with_facets_highlights_and_pages(
        client: FlaskClient, indexed: ArchiveRuntime) -> None:
    sign_in(client, "clerk")
    page = client.get(URL, query_string={"q": "pergola"})
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'data-testid="total">26 results' in html
    assert "ODP/2026/000912" not in html  # another unit's file
    assert "<mark>" in html  # the highlight, as HTML
    assert "<b>of</b>" not in html  # the indexed text itself stays escaped
    assert "/backoffice/archive/search?q=pergola&amp;year=2025" in html  # facet keeps q
    assert 'rel="next"' in html
    assert ">File</a> (26)" in html  # the kind facet, named for people

    narrowed = client.get(URL, query_string={"q": "pergola", "year": "2025"})
    assert 'data-testid="total">25 results' in narrowed.get_data(as_text=True)
    second = client.get(URL, query_string={"q": "pergola", "page": "2"}).get_data(as_text=True)
    assert 'rel="prev"' in second and "Page 2 of 2" in second


def test_the_archivist_sees_every_unit(client: FlaskClient, indexed: ArchiveRuntime) -> None:
    sign_in(client, "archivist")
    html = client.get(URL, query_string={"q": "pergola road"}).get_data(as_text=True)
    assert "ODP/2026/000912" in html and 'data-testid="total">1 result' in html


def test_a_bad_search_says_what_is_wrong(client: FlaskClient, indexed: ArchiveRuntime) -> None:
    sign_in(client, "clerk")
    page = client.get(URL, query_string={"q": '"pergola'})
    assert page.status_code == 422
    html = page.get_data(as_text=True)
    assert 'data-testid="search-error"' in html and "quote" in html.lower()
    too_long = client.get(URL, query_string={"q": "x" * 600})
    assert too_long.status_code == 422
    assert "at most 500 characters" in too_long.get_data(as_text=True)


def test_citizens_and_visitors_do_not_search_the_archive(
        client: FlaskClient, indexed: ArchiveRuntime) -> None:
    assert client.get(URL).status_code in (302, 401)
    sign_in(client, "ana")
    assert client.get(URL, query_string={"q": "pergola"}).status_code == 403


def test_the_landing_page_links_to_the_search(client: FlaskClient) -> None:
    sign_in(client, "clerk")
    assert URL in client.get("/backoffice/archive").get_data(as_text=True)


def test_only_mark_passes_as_html_in_highlights() -> None:
    assert str(highlight_html("a <mark>pergola</mark> &amp; b")) == \
        "a <mark>pergola</mark> &amp; b"
    assert "<script>" not in str(highlight_html("<mark>x</mark><script>alert(1)</script>"))
