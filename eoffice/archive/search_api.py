"""The archive search API: ``GET /api/v1/archive/search`` for archivists and staff,
trimmed to what each may see; citizens are refused (403)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from sqlalchemy import select

from eoffice.archive.index.port import FACETS, SearchResult
from eoffice.archive.models import Record
from eoffice.archive.search_schemas import SearchArgs, SearchResultOut
from eoffice.archive.services.search import search_archive
from eoffice.identity import require_principal
from eoffice.shared.db import reader
from eoffice.shared.problem_schemas import problem_responses

blp = Blueprint("archive-search-api", __name__, url_prefix="/api/v1/archive",
                description="Search of the archive (staff, trimmed to what each may see)")


def closure_times(record_ids: set[str]) -> dict[str, datetime]:
    """When each archived file of ``record_ids`` was closed."""
    if not record_ids:
        return {}
    with reader() as db:
        rows = db.execute(select(Record.id, Record.closed_at)
                          .where(Record.id.in_(sorted(record_ids))))
        return {record_id: closed_at for record_id, closed_at in rows}


def result_body(result: SearchResult) -> dict[str, Any]:
    """The JSON shape of one page of results."""
    closed = closure_times({hit.record_id for hit in result.hits})
    return {
        "total": result.total,
        "items": [{"file_number": hit.file_number, "title": hit.title,
                   "procedure": hit.procedure, "closed_at": closed.get(hit.record_id),
                   "highlights": list(hit.highlights), "kind": hit.kind, "unit": hit.unit,
                   "series": hit.series, "year": hit.year} for hit in result.hits],
        "facets": {name: [{"value": v.value, "count": v.count}
                          for v in result.facets.get(name, ())] for name in FACETS},
    }


@blp.route("/search")
class ArchiveSearch(MethodView):
    @blp.arguments(SearchArgs, location="query")
    @blp.response(200, SearchResultOut)
    @problem_responses(blp, 401, 403, 422, 503)
    def get(self, args: dict[str, Any]) -> dict[str, Any]:
        """Archived files, documents, registry entries and notifications matching ``q``,
        best first, with highlights and facet counts, only of the files the caller may
        see (units where she views files, not confidential series; archivists all)."""
        principal = require_principal()
        filters = {name: args[name] for name in FACETS}
        result = search_archive(principal, args["q"], filters, args["page"],
                                per_page=args["per_page"])
        return result_body(result)
