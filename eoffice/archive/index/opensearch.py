"""The archive index on OpenSearch (when ``OPENSEARCH_URL`` is set), through opensearch-py.

An index template ``<alias>-template`` (pattern ``<alias>-*``) carries the mappings and
the ``folding`` analyzer (standard tokenizer, lowercase, ASCII folding: case and accents
do not matter) with Spanish and English stemmed subfields (``.es``, ``.en``; OpenSearch
has a Catalan analyzer but osmem-server does not, so it is left out to keep one mapping).
The data lives in concrete indices ``<alias>-<n>``; the alias names the live one. A
rebuild fills ``<alias>-<n+1>``, switches the alias in one atomic ``update_aliases`` and
deletes the old index; puts made meanwhile go to every ``<alias>-*`` index.

Facet counts use one ``filter`` aggregation per facet holding the *other* facets'
selections, and the hits a ``post_filter`` with all of them: a facet's own selection
does not hide its other values. Scope (units, confidentiality) is a query filter, so it
trims totals and every count. Connection failures, timeouts and 5xx answers become
``IndexUnavailable``; the client retries (``max_retries``) before that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

from opensearchpy import OpenSearch, helpers
from opensearchpy.exceptions import ConnectionError as ClientConnectionError
from opensearchpy.exceptions import NotFoundError, TransportError

from eoffice.archive.errors import IndexUnavailable
from eoffice.archive.index.highlight import clean
from eoffice.archive.index.port import (
    FACETS,
    FacetValue,
    IndexedItem,
    Progress,
    SearchHit,
    SearchRequest,
    SearchResult,
)
from eoffice.archive.index.query import All, Node, Not, Phrase, Term, fold
from eoffice.archive.index.query import Any as AnyOf
from eoffice.archive.index.scope import check_filters

TIMEOUT_SECONDS = 5
BULK_TIMEOUT_SECONDS = 60  # a bulk of CHUNK items, or a wait for refresh
MAX_RETRIES = 2
CHUNK = 500
MAX_FACET_VALUES = 50
_FOLDED = ("title^5", "text", "parties^2", "file_number.text^5")
_STEMMED = ("title.es^2", "text.es^0.5", "title.en^2", "text.en^0.5")
_T = TypeVar("_T")


def _text(*, stemmed: bool) -> dict[str, Any]:
    field: dict[str, Any] = {"type": "text", "analyzer": "folding"}
    if stemmed:
        field["fields"] = {"es": {"type": "text", "analyzer": "spanish"},
                           "en": {"type": "text", "analyzer": "english"}}
    return field


def template_body(alias: str) -> dict[str, Any]:
    """The index template every ``<alias>-<n>`` index is created from."""
    keyword = {"type": "keyword"}
    return {
        "index_patterns": [f"{alias}-*"],
        "template": {
            "settings": {"number_of_shards": 1, "analysis": {"analyzer": {"folding": {
                "type": "custom", "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding"]}}}},
            "mappings": {"dynamic": "strict", "properties": {
                "id": keyword, "kind": keyword, "record_id": keyword,
                "file_number": {"type": "keyword",
                                "fields": {"text": {"type": "text", "analyzer": "folding"}}},
                "title": _text(stemmed=True), "text": _text(stemmed=True),
                "shown_title": {"type": "keyword", "index": False, "doc_values": False},
                "parties": _text(stemmed=False), "unit": keyword, "series": keyword,
                "year": {"type": "integer"}, "confidentiality": keyword,
                "procedure": keyword, "date": {"type": "date"}}},
        },
    }


def translate(node: Node) -> dict[str, Any]:
    """The OpenSearch query of a query tree (words go in as values, never as syntax)."""
    if isinstance(node, Term):
        if node.prefix:
            folded = fold(node.word)
            return {"bool": {"should": [{"prefix": {field.split("^")[0]: {"value": folded}}}
                                        for field in _FOLDED], "minimum_should_match": 1}}
        return {"multi_match": {"query": node.word, "fields": [*_FOLDED, *_STEMMED]}}
    if isinstance(node, Phrase):
        return {"multi_match": {"query": " ".join(node.words), "type": "phrase",
                                "fields": list(_FOLDED)}}
    if isinstance(node, AnyOf):
        return {"bool": {"should": [translate(n) for n in node.nodes],
                         "minimum_should_match": 1}}
    if isinstance(node, All):
        return {"bool": {"must": [translate(n) for n in node.nodes if not isinstance(n, Not)],
                         "must_not": [translate(n.node) for n in node.nodes
                                      if isinstance(n, Not)]}}
    return {"bool": {"must_not": [translate(node.node)]}}


#: Catalan apostrophes (' and U+2019) and middle dots ("d'activitat", "sol·licitud") keep
#: words together in the standard tokenizer; FTS5 and the query parser split there. A
#: char filter would do it in the cluster, but osmem-server ignores char filters.
_SPLIT = str.maketrans({"'": " ", "\u2019": " ", "·": " ", "\u2027": " "})


def _words(text: str) -> str:
    return clean(text).translate(_SPLIT)


def _source(item: IndexedItem) -> dict[str, Any]:
    return {"id": item.id, "kind": item.kind, "record_id": item.record_id,
            "file_number": item.file_number, "title": _words(item.title),
            "shown_title": clean(item.title),
            "text": _words(item.text), "parties": [_words(p) for p in item.parties],
            "unit": item.unit, "series": item.series, "year": item.year,
            "confidentiality": item.confidentiality, "procedure": item.procedure,
            "date": item.date.isoformat() if item.date else None}


class OpenSearchIndex:
    """The ArchiveIndex on OpenSearch (see the module's docstring)."""

    name = "opensearch"

    def __init__(self, url: str, *, alias: str) -> None:
        self.url = url
        self.alias = alias
        self.client = OpenSearch(hosts=[url], timeout=TIMEOUT_SECONDS,
                                 max_retries=MAX_RETRIES, retry_on_timeout=True)
        self._ensured = False
        self._number = re.compile(rf"^{re.escape(alias)}-(\d+)$")

    def _call(self, call: Callable[[], _T]) -> _T:
        """Run a client call; an unreachable or failing cluster is IndexUnavailable."""
        try:
            return call()
        except ClientConnectionError as error:
            raise IndexUnavailable(f"OpenSearch does not answer: {error}") from error
        except TransportError as error:
            if not isinstance(error.status_code, int) or error.status_code >= 500:
                raise IndexUnavailable(f"OpenSearch failed: {error}") from error
            raise
        except helpers.BulkIndexError as error:
            raise IndexUnavailable(f"OpenSearch refused items: {error.errors[:1]}") from error

    def _indices(self) -> dict[str, bool]:
        """Every ``<alias>-<n>`` index and whether the alias points to it."""
        def read() -> dict[str, Any]:
            try:
                return dict(self.client.indices.get_alias(index=f"{self.alias}-*"))
            except NotFoundError:
                return {}
        found = self._call(read)
        return {name: self.alias in (info.get("aliases") or {})
                for name, info in found.items() if self._number.match(name)}

    def _next_name(self, indices: Iterable[str]) -> str:
        numbers = [int(m.group(1)) for name in indices if (m := self._number.match(name))]
        return f"{self.alias}-{max(numbers, default=0) + 1}"

    def _ready(self) -> None:
        if not self._ensured:
            self.ensure()

    # the port --------------------------------------------------------------------

    def ensure(self) -> None:
        self._call(lambda: self.client.indices.put_index_template(
            name=f"{self.alias}-template", body=template_body(self.alias)))
        indices = self._indices()
        if not any(indices.values()):
            name = self._next_name(indices)
            self._call(lambda: self.client.indices.create(index=name))
            self._call(lambda: self.client.indices.put_alias(index=name, name=self.alias))
        self._ensured = True

    def put(self, items: Sequence[IndexedItem]) -> None:
        if not items:
            return
        self._ready()
        targets = sorted(self._indices())
        actions = [{"_index": target, "_id": item.id, "_source": _source(item)}
                   for target in targets for item in items]
        self._call(lambda: helpers.bulk(self.client, actions, chunk_size=CHUNK,
                                        refresh="wait_for",
                                        request_timeout=BULK_TIMEOUT_SECONDS))

    def delete_record(self, record_id: str) -> None:
        self._ready()
        for target in sorted(self._indices()):
            self._call(lambda t=target: self.client.delete_by_query(  # type: ignore[misc]
                index=t, body={"query": {"term": {"record_id": record_id}}},
                params={"refresh": "true", "conflicts": "proceed"}))

    def count(self) -> int:
        self._ready()
        answer = self._call(lambda: self.client.count(index=self.alias))
        return int(answer["count"])

    def record_ids(self) -> set[str]:
        self._ready()
        found: set[str] = set()
        after: dict[str, Any] | None = None
        while True:
            composite: dict[str, Any] = {"size": 1000,
                                         "sources": [{"r": {"terms": {"field": "record_id"}}}]}
            if after:
                composite["after"] = after
            body = {"size": 0, "aggs": {"records": {"composite": composite}}}
            answer = self._call(lambda b=body: self.client.search(  # type: ignore[misc]
                index=self.alias, body=b))
            records = answer["aggregations"]["records"]
            found.update(str(bucket["key"]["r"]) for bucket in records["buckets"])
            after = records.get("after_key")
            if not records["buckets"] or not after:
                return found

    def clear(self) -> None:
        for name in self._indices():
            self._call(lambda n=name: self.client.indices.delete(index=n))  # type: ignore[misc]
        self._ensured = False
        self.ensure()

    def rebuild(self, items: Iterable[IndexedItem], progress: Progress | None = None) -> int:
        self._ready()
        indices = self._indices()
        fresh = self._next_name(indices)
        self._call(lambda: self.client.indices.create(index=fresh))
        written = 0
        for done in self._fill(fresh, items):
            written += done
            if progress is not None:
                progress(done)
        self._call(lambda: self.client.indices.refresh(
            index=fresh, params={"request_timeout": BULK_TIMEOUT_SECONDS}))
        actions: list[dict[str, Any]] = [
            {"remove": {"index": name, "alias": self.alias}}
            for name, live in indices.items() if live]
        actions.append({"add": {"index": fresh, "alias": self.alias}})
        self._call(lambda: self.client.indices.update_aliases(body={"actions": actions}))
        for name in indices:
            self._call(lambda n=name: self.client.indices.delete(index=n))  # type: ignore[misc]
        return written

    def _fill(self, index: str, items: Iterable[IndexedItem]) -> Iterator[int]:
        """Bulk-write ``items`` in chunks, yielding how many each chunk wrote."""
        chunk: list[dict[str, Any]] = []
        for item in items:
            chunk.append({"_index": index, "_id": item.id, "_source": _source(item)})
            if len(chunk) >= CHUNK:
                yield self._bulk(chunk)
                chunk = []
        if chunk:
            yield self._bulk(chunk)

    def _bulk(self, actions: list[dict[str, Any]]) -> int:
        written, _ = self._call(lambda: helpers.bulk(
            self.client, actions, chunk_size=CHUNK, request_timeout=BULK_TIMEOUT_SECONDS))
        return int(written)

    def search(self, request: SearchRequest) -> SearchResult:
        check_filters(request.filters)
        scope = request.scope
        if not scope.confidentiality or (scope.units is not None and not scope.units):
            return SearchResult(total=0, hits=(), facets={facet: () for facet in FACETS})
        self._ready()
        answer = self._call(lambda: self.client.search(index=self.alias,
                                                       body=search_body(request)))
        facets = {facet: tuple(
            FacetValue(str(bucket["key"]), int(bucket["doc_count"]))
            for bucket in answer["aggregations"][facet]["values"]["buckets"])
            for facet in FACETS}
        return SearchResult(total=int(answer["hits"]["total"]["value"]),
                            hits=tuple(_hit(hit) for hit in answer["hits"]["hits"]),
                            facets=facets)


def _terms(filters: dict[str, tuple[str, ...]], *, but: str | None = None) -> list[Any]:
    return [{"terms": {facet: [int(v) if facet == "year" else v for v in values]}}
            for facet, values in sorted(filters.items()) if values and facet != but]


def search_body(request: SearchRequest) -> dict[str, Any]:
    """The search request OpenSearch receives for ``request``."""
    scope = request.scope
    trims: list[Any] = [{"terms": {"confidentiality": sorted(scope.confidentiality)}}]
    if scope.units is not None:
        trims.append({"terms": {"unit": sorted(scope.units)}})
    root = request.query.root
    query: dict[str, Any] = {"bool": {"filter": trims}}
    if root is not None:
        query["bool"]["must"] = [translate(root)]
    by_date = {"date": {"order": "desc", "missing": "_last"}}
    body: dict[str, Any] = {
        "query": query, "track_total_hits": True,
        "from": (max(request.page, 1) - 1) * request.per_page, "size": request.per_page,
        "sort": ["_score", by_date] if root is not None else [by_date],
        "aggs": {facet: {"filter": {"bool": {"filter": _terms(request.filters, but=facet)}},
                         "aggs": {"values": {"terms": {"field": facet,
                                                       "size": MAX_FACET_VALUES}}}}
                 for facet in FACETS},
    }
    if any(request.filters.values()):
        body["post_filter"] = {"bool": {"filter": _terms(request.filters)}}
    if root is not None:
        body["highlight"] = {"encoder": "html", "pre_tags": ["<mark>"],
                             "post_tags": ["</mark>"], "fragment_size": 160,
                             "number_of_fragments": 2,
                             "fields": {"text": {}, "title": {"number_of_fragments": 0}}}
    return body


def _hit(hit: dict[str, Any]) -> SearchHit:
    source = hit["_source"]
    marked = hit.get("highlight") or {}
    return SearchHit(id=source["id"], kind=source["kind"], record_id=source["record_id"],
                     file_number=source["file_number"], title=source["shown_title"],
                     unit=source["unit"], series=source["series"], year=int(source["year"]),
                     procedure=source.get("procedure"),
                     date=date.fromisoformat(source["date"]) if source.get("date") else None,
                     highlights=tuple([*marked.get("text", ()), *marked.get("title", ())]))
