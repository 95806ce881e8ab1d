"""Admin pages: the taxonomies and their terms, importing a taxonomy file (JSON,
``eoffice.taxonomies/1``) and exporting them all as one."""

from __future__ import annotations

import json

from flask import Response, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.catalogue.admin_pages.blueprint import bp, manager, page_locale, render_page
from eoffice.catalogue.admin_pages.problems import PageErrors, errors_of, page_errors
from eoffice.catalogue.domain import localise
from eoffice.catalogue.services import taxonomies
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.downloads import content_disposition
from eoffice.shared.errors import DomainError, FieldError, ValidationFailed
from eoffice.shared.i18n import _

EXPORT_NAME = "taxonomies.json"


def _render(errors: PageErrors | None = None, status: int = 200) -> ResponseReturnValue:
    locale = page_locale()
    with reader() as db:
        listed = [
            (taxonomy.key, localise(taxonomy.names, locale),
             taxonomies.list_terms(db, taxonomy.key))
            for taxonomy in taxonomies.list_taxonomies(db)
        ]
    return render_page("catalogue/admin/taxonomies.html", taxonomies=listed, errors=errors,
                       status=status)


@bp.get("/taxonomies")
def taxonomy_list() -> ResponseReturnValue:
    """Every taxonomy with its terms in the three languages."""
    manager()
    return _render()


def _uploaded_document() -> object:
    upload = request.files.get("file")
    content = upload.read() if upload else b""
    if not content:
        raise ValidationFailed(errors=[FieldError(
            "file", _("Choose a taxonomy file (JSON) to import."), "required")])
    try:
        return json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationFailed(errors=[FieldError(
            "file", _("The file is not valid JSON."), "invalid_json")]) from exc


@bp.post("/taxonomies/import")
def taxonomy_import() -> ResponseReturnValue:
    """Create and update taxonomies and terms from an uploaded file (never deletes)."""
    principal = manager()
    try:
        document = _uploaded_document()
        with unit_of_work() as db:
            report = taxonomies.import_taxonomies(db, document, actor=principal.login)
    except DomainError as exc:
        return _render(page_errors(errors_of(exc), anchors={"file"}, fallback="file"),
                       exc.status)
    flash(_("Taxonomies imported: %(created)s created, %(updated)s updated, "
            "%(unchanged)s unchanged.", created=report.created, updated=report.updated,
            unchanged=report.unchanged), "success")
    return redirect(url_for(".taxonomy_list"))


@bp.get("/taxonomies/export")
def taxonomy_export() -> Response:
    """Every taxonomy as a taxonomy file, downloaded."""
    manager()
    with reader() as db:
        document = taxonomies.export_taxonomies(db)
    body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": content_disposition(EXPORT_NAME)})
