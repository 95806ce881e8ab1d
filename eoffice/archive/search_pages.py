"""The archive's search page in the back office: a GET form (works without JavaScript),
facets with their counts as links that keep the query, hits with their highlights, pages,
and what is wrong with a search that cannot be run (422, in the page)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, render_template, request, url_for
from markupsafe import Markup, escape
from werkzeug.routing import BuildError

from eoffice.archive.errors import QueryInvalid, QueryTooLong, SearchFilterInvalid
from eoffice.archive.index.port import FACETS, SearchResult
from eoffice.archive.services.access import is_archivist, scope_for
from eoffice.archive.services.search import PER_PAGE, search_archive
from eoffice.identity import require_principal

bp = Blueprint("archive_search", __name__, template_folder="templates")

MARK = re.compile(r"</?mark>")


def highlight_html(fragment: str) -> Markup:
    """A highlight as HTML: the adapters escape the text and add only ``<mark>``; any
    other markup means something went wrong, and the fragment is shown escaped."""
    if "<" in MARK.sub("", fragment) or ">" in MARK.sub("", fragment):
        return escape(fragment)
    return Markup(fragment)  # noqa: S704 - escaped by the adapter, <mark> only  # nosec B704


def record_url(number: str) -> str | None:
    """The record page of ``number`` (None while the records pages are not there)."""
    try:
        return url_for("archive_records.record", number=number)
    except BuildError:
        return None


def _args() -> tuple[str, dict[str, list[str]], int]:
    text = request.args.get("q", "")
    filters = {name: [v for v in request.args.getlist(name) if v] for name in FACETS}
    try:
        page = max(1, min(int(request.args.get("page", "1")), 1000))
    except ValueError:
        page = 1
    return text, {k: v for k, v in filters.items() if v}, page


def _href(text: str, filters: dict[str, list[str]], page: int = 1) -> str:
    pairs: list[tuple[str, str]] = [("q", text)] if text else []
    pairs += [(name, value) for name in FACETS for value in filters.get(name, [])]
    if page > 1:
        pairs.append(("page", str(page)))
    base = url_for("archive_search.search")
    return f"{base}?{urlencode(pairs)}" if pairs else base


def _toggled(filters: dict[str, list[str]], name: str, value: str) -> dict[str, list[str]]:
    values = list(filters.get(name, []))
    values = [v for v in values if v != value] if value in values else [*values, value]
    return {**filters, name: values}


def _facets(result: SearchResult, text: str,
            filters: dict[str, list[str]]) -> list[dict[str, Any]]:
    return [{"name": name, "values": [
        {"value": v.value, "count": v.count, "selected": v.value in filters.get(name, []),
         "href": _href(text, _toggled(filters, name, v.value))}
        for v in result.facets.get(name, ())]} for name in FACETS]


@bp.get("/backoffice/archive/search")
def search() -> tuple[str, int]:
    principal = require_principal()
    scope_for(principal)  # citizens and outsiders: 403 before anything is read
    text, filters, page = _args()
    context: dict[str, Any] = {"q": text, "filters": filters, "page": page, "error": None,
                               "result": None, "facets": [], "pages": 0,
                               "archivist": is_archivist(principal)}
    try:
        result = search_archive(principal, text, filters, page)
    except (QueryInvalid, QueryTooLong, SearchFilterInvalid) as refused:
        context["error"] = str(refused.detail or refused.title)
        context["q"] = text[:500]
        return render_template("archive/search.html", **context), 422
    pages = max(1, -(-result.total // PER_PAGE))
    context.update(
        result=result, facets=_facets(result, text, filters), pages=pages,
        hits=[{"hit": hit, "url": record_url(hit.file_number),
               "highlights": [highlight_html(h) for h in hit.highlights]}
              for hit in result.hits],
        previous=_href(text, filters, page - 1) if page > 1 else None,
        next=_href(text, filters, page + 1) if page < pages else None,
        clear=_href(text, {}) if filters else None)
    return render_template("archive/search.html", **context), 200
