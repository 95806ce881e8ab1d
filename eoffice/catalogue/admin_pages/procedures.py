"""Admin pages: the list of procedures (search, status), creating one, its page, and
starting a new draft of it."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice.catalogue import format as fmt
from eoffice.catalogue.admin_pages.blueprint import bp, manager, page_locale, render_page
from eoffice.catalogue.admin_pages.choices import unit_options
from eoffice.catalogue.admin_pages.problems import errors_of, page_errors
from eoffice.catalogue.admin_pages.procedure_page import render_procedure
from eoffice.catalogue.domain import LANGUAGES
from eoffice.catalogue.services import drafts, history
from eoffice.catalogue.services.history import ProcedureOverview
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _

STATUSES = ("draft", "published", "scheduled", "unpublished")
NEW_ANCHORS = ["code", "unit", *(f"title-{language}" for language in LANGUAGES)]


def statuses_of(item: ProcedureOverview) -> list[str]:
    """What the list shows of a procedure: draft, published, scheduled, unpublished."""
    states = item.states
    found = []
    if "draft" in states:
        found.append("draft")
    if "current" in states:
        found.append("published")
    if "scheduled" in states:
        found.append("scheduled")
    if states - {"draft"} and not states & {"current", "scheduled"}:
        found.append("unpublished")
    return found


@bp.get("")
def index() -> ResponseReturnValue:
    manager()
    return redirect(url_for(".procedures"))


@bp.get("/procedures")
def procedures() -> ResponseReturnValue:
    """Every procedure, drafts included; ``q`` searches codes and titles."""
    manager()
    query = request.args.get("q", "").strip()[:200]
    status = request.args.get("status", "")
    status = status if status in STATUSES else ""
    with reader() as db:
        found = history.list_procedures(db, locale=page_locale(), query=query or None)
    rows = [(item, statuses_of(item)) for item in found]
    if status:
        rows = [(item, states) for item, states in rows if status in states]
    return render_template("catalogue/admin/procedures.html", rows=rows, query=query,
                           status=status, statuses=STATUSES)


def _render_new(values: dict[str, str], errors: list[FieldError] | None = None,
                status: int = 200) -> ResponseReturnValue:
    with reader() as db:
        units = unit_options(db, page_locale())
    titles = {language: values.get(f"title-{language}", "") for language in LANGUAGES}
    return render_page("catalogue/admin/new.html", values=values, titles=titles, units=units,
                       errors=page_errors(errors or [], anchors=NEW_ANCHORS, fallback="code"),
                       status=status)


@bp.route("/procedures/new", methods=["GET", "POST"])
def new_procedure() -> ResponseReturnValue:
    """Create a procedure (code, unit, title) with its first draft, then edit it."""
    principal = manager()
    if request.method == "GET":
        return _render_new({})
    fields = ("code", "unit", *(f"title-{language}" for language in LANGUAGES))
    values = {name: request.form.get(name, "").strip()[:1000] for name in fields}
    code = values["code"]
    document = {"unit": values["unit"] or None,
                "title": {lang: values[f"title-{lang}"] for lang in LANGUAGES
                          if values[f"title-{lang}"]}}
    try:
        definition = fmt.load_definition(document)
        with unit_of_work() as db:
            drafts.create_procedure(db, code, definition, actor=principal.login)
    except DomainError as exc:
        return _render_new(values, errors_of(exc, fallback_field="code"), exc.status)
    flash(_("Procedure %(code)s created. Complete its draft, then publish it.", code=code),
          "success")
    return redirect(url_for(".edit_version", code=code, number=1))


@bp.get("/procedures/<code>")
def procedure(code: str) -> ResponseReturnValue:
    """A procedure's versions, with the forms to publish and unpublish it."""
    manager()
    return render_procedure(code)


@bp.post("/procedures/<code>/drafts")
def start_draft(code: str) -> ResponseReturnValue:
    """A new draft copied from the latest version."""
    principal = manager()
    try:
        with unit_of_work() as db:
            number = drafts.start_draft(db, code, actor=principal.login).number
    except DomainError as exc:
        if exc.status == 404:
            raise
        return render_procedure(code, errors=page_errors(errors_of(exc)), status=exc.status)
    flash(_("Draft %(number)s started from the latest version.", number=number), "success")
    return redirect(url_for(".edit_version", code=code, number=number))
