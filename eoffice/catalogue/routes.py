"""Citizen pages of the catalogue: browse and search procedures, read one, and the
administrators' preview of any version as the citizen will see it."""

from __future__ import annotations

from collections import Counter
from math import ceil

from flask import Blueprint, render_template, request, url_for
from flask_babel import format_decimal, get_locale
from werkzeug.routing import BuildError

from eoffice import identity
from eoffice.catalogue.domain import localise
from eoffice.catalogue.services import browse, taxonomies
from eoffice.catalogue.views import ProcedureDetail
from eoffice.identity import Permission
from eoffice.shared.db import reader

bp = Blueprint("catalogue", __name__)
PAGE_SIZE = 20
THEMES = "themes"
# The route that starts an application, once the submissions context provides it.
START_ENDPOINT = "submissions.start"


MEDIA_TYPE_LABELS = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "image/tiff": "TIFF",
    "application/zip": "ZIP",
    "application/xml": "XML",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "XLSX",
    "image/vnd.dwg": "DWG",
    "image/vnd.dxf": "DXF",
}


def format_labels(media_types: tuple[str, ...]) -> str:
    """What people call file formats: ``application/pdf`` is "PDF"."""
    labels = dict.fromkeys(MEDIA_TYPE_LABELS.get(kind, kind) for kind in media_types)
    return ", ".join(labels)


def size_label(size: int) -> str:
    """A file size in megabytes, in the page's language ("10 MB", "2,5 MB")."""
    return f"{format_decimal(size / 1_000_000, format='#,##0.#')} MB"


def _locale() -> str:
    return str(get_locale() or "es")


def _page_number() -> int:
    value = request.args.get("page", "1")
    return max(int(value), 1) if value.isdecimal() and len(value) < 6 else 1


def start_url(code: str, case: str) -> str | None:
    """Where the "Start" button of a case leads, or None while there is no such route."""
    try:
        return url_for(START_ENDPOINT, procedure=code, case=case)
    except BuildError:
        return None


@bp.get("/procedures")
def procedures() -> str:
    """The catalogue: search box, themes with their counts, and the procedures found."""
    locale, query = _locale(), request.args.get("q", "").strip()[:200]
    selected = request.args.get("taxonomy", "").strip()[:151]
    with reader() as db:
        everything = browse.search_procedures(db, locale=locale)
        found = browse.search_procedures(
            db, locale=locale, query=query or None, taxonomy=[selected] if selected else []
        ) if query or selected else everything
        keys = {taxonomy.key for taxonomy in taxonomies.list_taxonomies(db)}
        themes = taxonomies.list_terms(db, THEMES) if THEMES in keys else []
    counts = Counter(
        f"{term.taxonomy}:{term.code}" for item in everything for term in item.taxonomies
    )
    theme_links = [
        {"value": f"{THEMES}:{term.code}", "name": localise(term.names, locale),
         "count": counts[f"{THEMES}:{term.code}"]}
        for term in themes
    ]
    pages = max(ceil(len(found) / PAGE_SIZE), 1)
    page = min(_page_number(), pages)
    return render_template(
        "catalogue/procedures.html", query=query, selected=selected,
        themes=[link for link in theme_links if link["count"]], total=len(found),
        items=found[(page - 1) * PAGE_SIZE: page * PAGE_SIZE], page=page, pages=pages,
    )


def _render(procedure: ProcedureDetail, *, preview: bool) -> str:
    starts = {case.code: start_url(procedure.code, case.code) for case in procedure.cases}
    return render_template("catalogue/procedure.html", procedure=procedure, starts=starts,
                           preview=preview, format_labels=format_labels, size_label=size_label)


@bp.get("/procedures/<code>")
def procedure(code: str) -> str:
    """A procedure's page: what it is, who may apply, documents, fee, term, how to apply."""
    with reader() as db:
        detail = browse.get_procedure_detail(db, code, locale=_locale())
    return _render(detail, preview=False)


@bp.get("/procedures/<code>/versions/<int(max=2147483647):number>/preview")
def preview(code: str, number: int) -> str:
    """Any version (a draft too) as the citizen will see it, for administrators."""
    identity.require_permission(Permission.MANAGE_CATALOGUE)
    with reader() as db:
        detail = browse.preview_version(db, code, number, locale=_locale())
    return _render(detail, preview=True)
