"""The archive index port: what the archive puts in its search index and asks of it.

Two adapters implement it behind one contract test suite (tests/archive/contract/):
SQLite FTS5 (the embedded default) and OpenSearch (``OPENSEARCH_URL``). Every search is
trimmed *inside* the index by a :class:`Scope` (units and confidentiality levels), so
totals, pages and facets never count what the user may not see.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from eoffice.archive.index.query import Query

#: The facets every adapter counts, in the order pages show them.
FACETS = ("kind", "procedure", "unit", "year", "series")


@dataclass(frozen=True)
class IndexedItem:
    """One searchable thing of an archived file: the file itself (kind ``file``), one of
    its documents (``document``), a registry entry or exit (``entry``) or a notification
    (``notification``). ``id`` is stable, so putting an item again replaces it."""

    id: str  # "file:<record>", "document:<record>:<path>", "entry:<id>", "notification:<id>"
    kind: str
    record_id: str
    file_number: str
    title: str
    text: str  # the full text searched (extracted from PDFs for documents)
    unit: str
    series: str
    year: int
    confidentiality: str
    procedure: str | None = None
    date: date | None = None  # the item's own date (closure for files)
    parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Scope:
    """What the searcher may see: ``units`` None means every unit."""

    units: frozenset[str] | None
    confidentiality: frozenset[str]


@dataclass(frozen=True)
class SearchRequest:
    """A parsed query (see ``index.query.parse_query``), the scope, facet filters
    (facet name -> accepted values, ANDed across facets, ORed within one) and the page."""

    query: Query
    scope: Scope
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    per_page: int = 20


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str
    record_id: str
    file_number: str
    title: str
    unit: str
    series: str
    year: int
    procedure: str | None
    date: date | None
    #: Fragments of the text around the matches: HTML-escaped, matches in <mark></mark>.
    highlights: tuple[str, ...]


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: tuple[SearchHit, ...]
    facets: dict[str, tuple[FacetValue, ...]]


Progress = Callable[[int], None]  # called with how many items were just written


class ArchiveIndex(Protocol):
    """What every adapter does. Adapters raise ``IndexUnavailable`` when their backend
    does not answer, never a library's exception."""

    name: str  # "fts5" or "opensearch"

    def ensure(self) -> None:
        """Create what the index needs (tables; template, index and alias) if missing."""

    def put(self, items: Sequence[IndexedItem]) -> None:
        """Add or replace ``items`` in bulk; visible to search when it returns."""

    def delete_record(self, record_id: str) -> None:
        """Remove every item of an archived file."""

    def search(self, request: SearchRequest) -> SearchResult:
        """Matching items within the scope, best first, with facets and highlights."""

    def count(self) -> int:
        """How many items the index holds."""

    def record_ids(self) -> set[str]:
        """The archived files the index holds items of (reindex and checks)."""

    def rebuild(self, items: Iterable[IndexedItem], progress: Progress | None = None) -> int:
        """Fill a fresh index from ``items`` and switch to it at the end, so searches
        keep answering from the old one meanwhile (zero downtime). Items written."""

    def clear(self) -> None:
        """Empty the index (tests and a failed rebuild)."""
