"""The contract every archive index adapter keeps (FTS5, osmem-server, a real OpenSearch
when OPENSEARCH_URL is set): what a searcher notices, whatever the engine. Scores differ
between engines, so no test asserts a score or an order among equally good hits."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eoffice.archive.errors import IndexUnavailable, QueryInvalid
from eoffice.archive.index.fts5 import Fts5Index
from eoffice.archive.index.opensearch import OpenSearchIndex
from eoffice.archive.index.port import (
    ArchiveIndex,
    IndexedItem,
    Scope,
    SearchRequest,
    SearchResult,
)
from eoffice.archive.index.query import parse_query
from tests.live_server import free_port

EVERYONE = Scope(units=None, confidentiality=frozenset({"public", "restricted", "confidential"}))


def item(number: int, text: str, *, unit: str = "URB", kind: str = "file",
         title: str | None = None, series: str = "URB-LIC", year: int = 2026,
         confidentiality: str = "restricted", record: str | None = None,
         procedure: str | None = "minor-works") -> IndexedItem:
    record_id = record or f"rec-{number}"
    return IndexedItem(id=f"{kind}:{record_id}:{number}", kind=kind, record_id=record_id,
                       file_number=f"{unit}/{year}/{number:06d}",
                       title=title or f"Expediente {number}", text=text, unit=unit,
                       series=series, year=year, confidentiality=confidentiality,
                       procedure=procedure, date=date(year, 1, 1 + number % 28),
                       parties=("Ana García",))


def search(index: ArchiveIndex, text: str, *, scope: Scope = EVERYONE,
           filters: dict[str, tuple[str, ...]] | None = None, page: int = 1,
           per_page: int = 20) -> SearchResult:
    return index.search(SearchRequest(query=parse_query(text), scope=scope,
                                      filters=filters or {}, page=page, per_page=per_page))


def found(index: ArchiveIndex, text: str, **kwargs: object) -> set[str]:
    return {hit.record_id for hit in search(index, text, **kwargs).hits}  # type: ignore[arg-type]


@pytest.fixture
def city(archive_index: ArchiveIndex) -> ArchiveIndex:
    archive_index.put([
        item(1, "Resolución favorable de la licencia de obras menores en la calle Mayor"),
        item(2, "Resolució de la llicència d'activitat: es denega la sol·licitud",
             series="URB-ACT", procedure="activity"),
        item(3, "Licencias de ocupación de vía pública denegada por falta de documentación",
             unit="ODP", series="ODP-OCU", procedure="road-occupation"),
        item(4, "Informe técnico de obras en la plaza", unit="ODP", series="ODP-OCU",
             year=2025, procedure="road-occupation"),
        item(5, "Expediente reservado de obras de la policía local",
             confidentiality="confidential", series="URB-SEC"),
    ])
    return archive_index


def test_a_word_finds_its_item(city: ArchiveIndex) -> None:
    assert found(city, "calle") == {"rec-1"}
    assert found(city, "inexistente") == set()


def test_case_and_accents_do_not_matter(city: ArchiveIndex) -> None:
    assert found(city, "resolucion") == {"rec-1"}
    assert found(city, "RESOLUCIÓN") == {"rec-1"}
    assert found(city, "LLICÈNCIA") == {"rec-2"}
    assert found(city, "llicencia") == {"rec-2"}
    assert found(city, "tecnico") == {"rec-4"}


def test_catalan_apostrophes_and_middle_dots_split_words(city: ArchiveIndex) -> None:
    assert found(city, "activitat") == {"rec-2"}  # in "d'activitat"
    assert found(city, "sol·licitud") == {"rec-2"}
    assert found(city, '"llicència d\u2019activitat"') == {"rec-2"}
    city.put([item(9, "text", title="Sol·licitud d'obertura")])
    hit, = search(city, "obertura").hits
    assert hit.title == "Sol·licitud d'obertura"


def test_a_phrase_needs_its_words_together(city: ArchiveIndex) -> None:
    assert found(city, '"licencia de obras"') == {"rec-1"}
    assert found(city, '"obras de licencia"') == set()


def test_all_words_must_be_present(city: ArchiveIndex) -> None:
    assert found(city, "obras plaza") == {"rec-4"}


def test_a_minus_excludes_a_word(city: ArchiveIndex) -> None:
    assert found(city, "obras -plaza") == {"rec-1", "rec-5"}
    assert found(city, "-obras") == {"rec-2", "rec-3"}


def test_or_finds_either_word(city: ArchiveIndex) -> None:
    assert found(city, "calle OR plaza") == {"rec-1", "rec-4"}
    assert found(city, "(calle OR plaza) -informe") == {"rec-1"}


def test_a_star_finds_words_starting_so(city: ArchiveIndex) -> None:
    assert found(city, "licen*") == {"rec-1", "rec-3"}
    assert found(city, "denega*") == {"rec-2", "rec-3"}


def test_a_file_number_finds_its_file(city: ArchiveIndex) -> None:
    assert found(city, "ODP/2025/000004") == {"rec-4"}


def test_index_syntax_in_the_query_is_taken_as_words(city: ArchiveIndex) -> None:
    assert found(city, "text:calle") == set()  # no column filter: "text" and "calle"
    assert found(city, "NEAR(calle mayor)") == set()
    assert found(city, "calle^ mayor~ +obras") == {"rec-1"}


def test_scope_trims_hits_totals_and_facets(city: ArchiveIndex) -> None:
    odp_clerk = Scope(units=frozenset({"ODP"}), confidentiality=frozenset({"restricted"}))
    result = search(city, "licencias OR obras", scope=odp_clerk)
    assert {hit.unit for hit in result.hits} == {"ODP"}
    assert result.total == 2
    assert {value.value for value in result.facets["unit"]} == {"ODP"}
    assert {value.value for value in result.facets["series"]} == {"ODP-OCU"}
    assert search(city, "calle", scope=odp_clerk).total == 0
    nobody = Scope(units=frozenset(), confidentiality=frozenset({"restricted"}))
    assert search(city, "", scope=nobody).total == 0


def test_confidential_items_only_for_who_may_see_them(city: ArchiveIndex) -> None:
    staff = Scope(units=None, confidentiality=frozenset({"public", "restricted"}))
    assert found(city, "obras", scope=staff) == {"rec-1", "rec-4"}
    assert found(city, "obras") == {"rec-1", "rec-4", "rec-5"}
    assert all(value.value != "URB-SEC"
               for value in search(city, "", scope=staff).facets["series"])


def test_facets_count_and_filter(city: ArchiveIndex) -> None:
    everything = search(city, "")
    assert everything.total == 5
    units = {value.value: value.count for value in everything.facets["unit"]}
    assert units == {"URB": 3, "ODP": 2}
    assert {v.value: v.count for v in everything.facets["year"]} == {"2026": 4, "2025": 1}
    assert {v.value for v in everything.facets["kind"]} == {"file"}
    odp = search(city, "", filters={"unit": ("ODP",)})
    assert odp.total == 2 and {hit.unit for hit in odp.hits} == {"ODP"}
    # a facet's own selection keeps its other values on offer; the others narrow
    assert {v.value: v.count for v in odp.facets["unit"]} == {"URB": 3, "ODP": 2}
    assert {v.value: v.count for v in odp.facets["year"]} == {"2026": 1, "2025": 1}
    both = search(city, "", filters={"unit": ("ODP",), "year": ("2025",)})
    assert [hit.record_id for hit in both.hits] == ["rec-4"] and both.total == 1
    either = search(city, "", filters={"series": ("URB-LIC", "URB-ACT")})
    assert {hit.record_id for hit in either.hits} == {"rec-1", "rec-2"}


def test_a_filter_on_what_is_not_a_facet_is_refused(city: ArchiveIndex) -> None:
    with pytest.raises(QueryInvalid):
        search(city, "", filters={"confidentiality": ("confidential",)})


def test_highlights_mark_matches_and_never_carry_markup(archive_index: ArchiveIndex) -> None:
    archive_index.put([item(7, "Alegaciones <script>alert('x')</script> sobre el vallado",
                            title="Recurso <b>urgente</b> vallado")])
    hit, = search(archive_index, "vallado").hits
    assert hit.highlights and all("<mark>" in fragment for fragment in hit.highlights)
    text = " ".join(hit.highlights)
    assert "<mark>vallado</mark>" in text.lower()
    assert "<script>" not in text and "<b>" not in text
    assert "&lt;script&gt;" in text or "&lt;b&gt;" in text
    browse, = search(archive_index, "").hits
    assert browse.highlights == ()


def test_putting_an_item_again_replaces_it(city: ArchiveIndex) -> None:
    before = city.count()
    city.put([item(1, "Resolución corregida del vallado")])
    city.put([item(1, "Resolución corregida del vallado")])
    assert city.count() == before
    assert found(city, "vallado") == {"rec-1"}
    assert found(city, "calle") == set()


def test_deleting_a_record_removes_all_its_items(city: ArchiveIndex) -> None:
    city.put([item(8, "Notificación de la resolución al interesado", kind="notification",
                   record="rec-1")])
    assert found(city, "interesado") == {"rec-1"}
    city.delete_record("rec-1")
    assert found(city, "interesado OR calle") == set()
    assert city.count() == 4
    assert city.record_ids() == {"rec-2", "rec-3", "rec-4", "rec-5"}


def test_count_and_record_ids(archive_index: ArchiveIndex) -> None:
    assert archive_index.count() == 0 and archive_index.record_ids() == set()
    archive_index.put([item(n, f"documento {n}", record=f"rec-{n % 3}") for n in range(9)])
    assert archive_index.count() == 9
    assert archive_index.record_ids() == {"rec-0", "rec-1", "rec-2"}
    archive_index.clear()
    assert archive_index.count() == 0


def test_pages_split_the_results(archive_index: ArchiveIndex) -> None:
    archive_index.put([item(n, "licencia de obras") for n in range(1, 26)])
    pages = [search(archive_index, "obras", page=page, per_page=10) for page in (1, 2, 3)]
    assert [len(page.hits) for page in pages] == [10, 10, 5]
    assert {page.total for page in pages} == {25}
    ids = [hit.id for page in pages for hit in page.hits]
    assert len(set(ids)) == 25
    assert search(archive_index, "obras", page=4, per_page=10).hits == ()


def test_browsing_shows_the_newest_first(archive_index: ArchiveIndex) -> None:
    archive_index.put([item(2, "b", year=2024), item(3, "c", year=2026),
                       item(4, "d", year=2025)])
    assert [hit.year for hit in search(archive_index, "").hits] == [2026, 2025, 2024]


def test_rebuild_switches_and_search_answers_meanwhile(archive_index: ArchiveIndex) -> None:
    archive_index.put([item(1, "antiguo contenido")])
    seen_during: list[set[str]] = []
    written: list[int] = []

    def fresh_items() -> Iterator[IndexedItem]:
        for n in range(2, 1202):
            if n == 600:  # halfway: the old index still answers
                seen_during.append(found(archive_index, "antiguo"))
            yield item(n, f"nuevo contenido {n}")

    total = archive_index.rebuild(fresh_items(), progress=written.append)
    assert total == 1200 and sum(written) == 1200
    assert seen_during == [{"rec-1"}]
    assert archive_index.count() == 1200
    assert found(archive_index, "antiguo") == set()
    assert search(archive_index, "nuevo").total == 1200


def test_puts_during_a_rebuild_are_kept(archive_index: ArchiveIndex) -> None:
    def fresh_items() -> Iterator[IndexedItem]:
        yield item(1, "primero")
        archive_index.put([item(2, "llegado durante la reconstrucción")])
        yield item(3, "tercero")

    archive_index.rebuild(fresh_items())
    assert found(archive_index, "reconstruccion") == {"rec-2"}
    assert archive_index.count() == 3


def test_searches_from_several_threads(archive_index: ArchiveIndex) -> None:
    archive_index.put([item(n, "licencia de obras") for n in range(1, 11)])
    totals: list[int] = []
    errors: list[BaseException] = []

    def searcher() -> None:
        try:
            for _ in range(5):
                totals.append(search(archive_index, "obras").total)
        except BaseException as error:
            errors.append(error)

    workers = [threading.Thread(target=searcher) for _ in range(4)]
    for worker in workers:
        worker.start()
    archive_index.put([replace(item(11, "licencia de obras"))])
    for worker in workers:
        worker.join()
    assert errors == [] and len(totals) == 20 and set(totals) <= {10, 11}


def test_an_unreachable_cluster_is_reported_as_unavailable() -> None:
    index = OpenSearchIndex(f"http://127.0.0.1:{free_port()}", alias="archive")
    with pytest.raises(IndexUnavailable) as refused:
        search(index, "obras")
    assert refused.value.status == 503
    with pytest.raises(IndexUnavailable):
        index.put([item(1, "obras")])
    with pytest.raises(IndexUnavailable):
        index.count()


def test_an_embedded_index_that_cannot_be_written_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "not-a-folder").write_text("a file")
    with pytest.raises(IndexUnavailable):
        Fts5Index(tmp_path / "not-a-folder" / "index.sqlite3").count()
