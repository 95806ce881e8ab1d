"""The retention pages of the back office: the retention calendar (what falls due in the
next 24 months, trimmed to what each user may see), the retention schedule's series
(archivists create and change them), the active legal holds, and the forms of an
archived file's retention panel (place and lift holds, correct dates)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.archive.domain import Confidentiality, DispositionAction, TriggerKind
from eoffice.archive.models import Record
from eoffice.archive.services import holds, retention
from eoffice.archive.services.access import (
    get_record_for,
    is_archivist,
    may_see_record,
    require_archivist,
    require_staff,
    scope_for,
)
from eoffice.archive.services.series import (
    SeriesRule,
    create_series,
    get_series,
    list_series,
    update_series,
)
from eoffice.identity import Principal
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _
from eoffice.shared.localtime import local_today

bp = Blueprint("archive_retention", __name__, url_prefix="/backoffice/archive",
               template_folder="templates")
PERIOD_FIELDS = ("retention_years", "retention_months", "retention_days")


def _choices() -> dict[str, Any]:
    return {"triggers": [kind.value for kind in TriggerKind],
            "actions": [action.value for action in DispositionAction],
            "levels": [level.value for level in Confidentiality]}


@bp.get("/calendar", endpoint="calendar")
def calendar() -> ResponseReturnValue:
    """Files whose retention ends: due now, then month by month for 24 months."""
    principal = require_staff(identity.require_principal())
    with reader() as db:
        view = retention.retention_calendar(db, scope_for(principal), today=local_today())
    return render_template("archive/calendar.html", calendar=view,
                           archivist=is_archivist(principal))


@bp.get("/series", endpoint="series")
def series_list() -> ResponseReturnValue:
    """The retention schedule; archivists also get the form of a new series."""
    principal = require_staff(identity.require_principal())
    return _series_page(principal, SeriesRule(code=""), errors=[])


def _series_page(principal: Principal, form: SeriesRule, *, errors: list[FieldError],
                 status: int = 200) -> ResponseReturnValue:
    with reader() as db:
        rows = list_series(db)
    return render_template("archive/series.html", rows=rows, form=form, errors=errors,
                           archivist=is_archivist(principal), **_choices()), status


def _int(name: str) -> int | None:
    text = (request.form.get(name) or "").strip()
    if not text:
        return None if name == "sample_percent" else 0
    try:
        return int(text)
    except ValueError:
        return -1  # reported as not a whole number


def _rule_from_form(code: str) -> SeriesRule:
    form = request.form

    def text(name: str) -> str:
        return (form.get(name) or "").strip()[:500]

    return SeriesRule(
        code=code, title={lang: text(f"title_{lang}") for lang in ("en", "es", "ca")},
        procedure_code=text("procedure_code") or None, case_code=text("case_code") or None,
        retention_years=_int("retention_years") or 0,
        retention_months=_int("retention_months") or 0,
        retention_days=_int("retention_days") or 0, trigger=text("trigger"),
        trigger_field=text("trigger_field") or None, action=text("action"),
        sample_percent=_int("sample_percent"), confidentiality=text("confidentiality"))


@bp.post("/series", endpoint="create_series")
def create() -> ResponseReturnValue:
    """Create a series from the form; the page with the errors next to it otherwise."""
    principal = require_staff(identity.require_principal())
    require_archivist(principal)
    rule = _rule_from_form((request.form.get("code") or "").strip()[:60])
    try:
        with unit_of_work() as db:
            created = create_series(db, rule, principal=principal)
            code = created.code
    except DomainError as refused:
        return _series_page(principal, rule, errors=_errors_of(refused),
                            status=refused.status)
    flash(_("Series %(code)s created.", code=code), "success")
    return redirect(url_for(".series"), code=303)


def _errors_of(refused: DomainError) -> list[FieldError]:
    return refused.errors or [FieldError("", str(refused.detail or refused.title),
                                         refused.code)]


@bp.get("/series/<code>", endpoint="edit_series")
def edit(code: str) -> ResponseReturnValue:
    """One series with the form to change it (archivists)."""
    principal = require_staff(identity.require_principal())
    with reader() as db:
        found = get_series(db, code)
        form = SeriesRule.of(found)
    return _edit_page(principal, code, form, errors=[])


def _edit_page(principal: Principal, code: str, form: SeriesRule, *,
               errors: list[FieldError], status: int = 200) -> ResponseReturnValue:
    with reader() as db:
        found = get_series(db, code)
        records = db.query(Record).filter(Record.series_code == code).count()
    return render_template("archive/series_edit.html", series=found, form=form,
                           errors=errors, records=records,
                           archivist=is_archivist(principal), **_choices()), status


@bp.post("/series/<code>", endpoint="update_series")
def update(code: str) -> ResponseReturnValue:
    """Change a series; its files are recomputed when the rule changes."""
    principal = require_staff(identity.require_principal())
    require_archivist(principal)
    rule = _rule_from_form(code)
    try:
        with unit_of_work() as db:
            update_series(db, code, rule, principal=principal)
    except DomainError as refused:
        if refused.status == 404:
            raise
        return _edit_page(principal, code, rule, errors=_errors_of(refused),
                          status=refused.status)
    flash(_("Series %(code)s changed; its files were recomputed.", code=code), "success")
    return redirect(url_for(".edit_series", code=code), code=303)


@bp.get("/holds", endpoint="holds")
def active_holds() -> ResponseReturnValue:
    """The legal holds in force, on files the user may see."""
    principal = require_staff(identity.require_principal())
    with reader() as db:
        rows = [(hold, record) for hold, record in holds.active_holds(db)
                if may_see_record(principal, record)]
    return render_template("archive/holds.html", rows=rows,
                           archivist=is_archivist(principal))


def _back_to_record(number: str) -> ResponseReturnValue:
    return redirect(url_for("archive_records.record", number=number) + "#retention",
                    code=303)


def _on_record(number: str, action: Any, done: str) -> ResponseReturnValue:
    """Run ``action(db)`` and go back to the record's page with what happened."""
    try:
        with unit_of_work() as db:
            action(db)
    except DomainError as refused:
        if refused.status == 404:
            raise
        problems = [f"{e.field}: {e.message}" if e.field else e.message
                    for e in refused.errors]
        flash(" ".join([str(refused.detail or refused.title), *problems]), "error")
        return _back_to_record(number)
    flash(done, "success")
    return _back_to_record(number)


@bp.post("/records/<file_number:number>/holds", endpoint="place_hold")
def place_hold(number: str) -> ResponseReturnValue:
    """Place a legal hold on an archived file."""
    principal = require_staff(identity.require_principal())
    reason = (request.form.get("reason") or "")[:2000]
    return _on_record(number, lambda db: holds.place_hold(db, number, reason, principal),
                      _("The file is under a legal hold."))


@bp.post("/holds/<int:hold_id>/lift", endpoint="lift_hold")
def lift_hold(hold_id: int) -> ResponseReturnValue:
    """Lift a legal hold (back to its file's page)."""
    principal = require_staff(identity.require_principal())
    reason = (request.form.get("reason") or "")[:2000]
    with reader() as db:
        hold = holds.get_hold_for(db, hold_id, principal)
        number = db.get(Record, hold.record_id).file_number  # type: ignore[union-attr]
    return _on_record(number, lambda db: holds.lift_hold(db, hold_id, reason, principal),
                      _("The legal hold was lifted."))


@bp.post("/records/<file_number:number>/metadata", endpoint="metadata")
def metadata(number: str) -> ResponseReturnValue:
    """Correct the resolution date or set/remove one date of an archived file."""
    principal = require_staff(identity.require_principal())
    key = (request.form.get("key") or "").strip()[:60]
    value = (request.form.get("value") or "").strip()[:30]

    def change(db: Any) -> None:
        record = get_record_for(db, number, principal, for_update=True)
        require_archivist(principal)
        retention.update_metadata(db, record, {key: value or None}, actor=principal.login)

    return _on_record(number, change, _("The dates of the file were changed."))


@bp.app_template_global("record_retention")
def record_retention(record: Record) -> dict[str, Any]:
    """What the retention panel of ``record`` shows: its series and its holds."""
    with reader() as db:
        series = get_series(db, record.series_code) if record.series_code else None
        return {"series": series, "holds": holds.holds_of(db, record.id),
                "held": holds.active_hold(db, record.id) is not None}
