"""The back-office pages of the street map: streets with a search by name or code, a
street with its sections (and their fiscal categories), addresses and properties, the
imports (past runs; the upload form and the report of rejected rows for administrators).
Any staff member reads; only MANAGE_TERRITORY imports."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.identity import Permission, Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, Forbidden
from eoffice.shared.i18n import _
from eoffice.shared.numbers import whole_number
from eoffice.territory import queries
from eoffice.territory.cadastre import DwellingView, list_dwellings
from eoffice.territory.domain import ImportKind
from eoffice.territory.imports import get_import, import_csv, list_imports
from eoffice.territory.imports_reading import MAX_IMPORT_BYTES

bp = Blueprint("territory_pages", __name__, url_prefix="/backoffice/territory",
               template_folder="templates")
PAGE_SIZE = 50


def _reader() -> Principal:
    """Staff of the back office, or an administrator of the territory."""
    principal = identity.require_principal()
    if not (principal.can(Permission.USE_BACKOFFICE, somewhere=True)
            or principal.can(Permission.MANAGE_TERRITORY)):
        raise Forbidden()
    return principal


def _manages(principal: Principal) -> bool:
    return principal.can(Permission.MANAGE_TERRITORY)


def _page() -> int:
    return max(1, min(whole_number(request.args.get("page")) or 1, 10_000))


@bp.get("", endpoint="streets")
def streets() -> ResponseReturnValue:
    """Streets by code; ``q`` finds a code's start or words of a name."""
    principal = _reader()
    q, page = request.args.get("q", "").strip()[:200], _page()
    with reader() as db:
        rows, total = queries.search_streets(db, q, limit=PAGE_SIZE,
                                             offset=(page - 1) * PAGE_SIZE)
        counts = queries.count_street_map(db)
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template("territory/streets.html", rows=rows, total=total, q=q,
                           page=page, pages=pages, counts=counts,
                           manager=_manages(principal))


@bp.get("/streets/<code>", endpoint="street")
def street(code: str) -> ResponseReturnValue:
    """A street: its names, sections with their categories, addresses and properties."""
    _reader()
    with reader() as db:
        detail = queries.street_detail(db, code[:20])
        dwellings: dict[int | None, list[DwellingView]] = {}
        for dwelling in list_dwellings(db, [a.id for a in detail.addresses]):
            dwellings.setdefault(dwelling.address_id, []).append(dwelling)
    return render_template("territory/street.html", detail=detail, dwellings=dwellings)


def _imports_page(principal: Principal, *, error: str | None = None, kind: str = "",
                  update: bool = False, status: int = 200) -> ResponseReturnValue:
    with reader() as db:
        runs = list_imports(db, limit=100)
    return render_template("territory/imports.html", runs=runs, error=error,
                           manager=_manages(principal), kinds=[k.value for k in ImportKind],
                           kind=kind, update=update,
                           max_mb=MAX_IMPORT_BYTES // (1024 * 1024)), status


@bp.get("/imports", endpoint="imports")
def imports() -> ResponseReturnValue:
    """Past imports, newest first; administrators also get the upload form."""
    return _imports_page(_reader())


@bp.post("/imports", endpoint="run_import")
def run_import() -> ResponseReturnValue:
    """Import the uploaded CSV file; its report is shown on the import's page."""
    principal = identity.require_permission(Permission.MANAGE_TERRITORY)
    kind = request.form.get("kind", "")[:20]
    update = request.form.get("update") == "1"
    upload = request.files.get("file")
    content = upload.read(MAX_IMPORT_BYTES + 1) if upload and upload.filename else b""
    if kind not in {k.value for k in ImportKind}:
        return _imports_page(principal, error=_("Choose what the file holds."), kind=kind,
                             update=update, status=422)
    if upload is None or not upload.filename:
        return _imports_page(principal, error=_("Choose a CSV file to import."), kind=kind,
                             update=update, status=422)
    try:
        with unit_of_work() as db:
            run = import_csv(db, kind, content, filename=upload.filename,
                             actor=principal.login, update=update)
    except DomainError as refused:
        message = str(refused.title) + (f" ({refused.detail})" if refused.detail else "")
        return _imports_page(principal, error=message, kind=kind, update=update,
                             status=refused.status)
    flash(_("Import done: %(taken)s rows taken (%(created)s new, %(updated)s changed, "
            "%(unchanged)s unchanged), %(rejected)s rejected.", taken=run.accepted,
            created=run.created, updated=run.updated, unchanged=run.unchanged,
            rejected=run.rejected), "success" if not run.rejected else "info")
    return redirect(url_for(".import_run", import_id=run.id), code=303)


@bp.get("/imports/<import_id>", endpoint="import_run")
def import_run(import_id: str) -> ResponseReturnValue:
    """One import: who ran it, what it took and the rows it rejected, with why."""
    _reader()
    with reader() as db:
        run = get_import(db, import_id)
    return render_template("territory/import.html", run=run)
