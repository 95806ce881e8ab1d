"""Admin page of the migration of a model's running instances
(``/admin/process-models/<key>/migration``): the dry run to the latest version (or
``?to_version=``), each instance with whether it can move and why not, and a form that
moves the instances ticked among those that can. Needs ``processes.manage``; works
without JavaScript; the migration itself is audited by the service."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import identity
from eoffice.identity import Permission, Principal
from eoffice.processing.services import migration
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _
from eoffice.shared.numbers import whole_number

bp = Blueprint("processing_migration", __name__, url_prefix="/admin/process-models",
               template_folder="templates")
MAX_CHOSEN = 1000


def _administrator() -> Principal:
    return identity.require_permission(Permission.MANAGE_PROCESSES)


def _to_version() -> int | None:
    text = (request.values.get("to_version") or "").strip()
    return whole_number(text, max_digits=5) or None


def _page(principal: Principal, key: str, to_version: int | None, *,
          errors: list[FieldError] | None = None, status: int = 200) -> ResponseReturnValue:
    with reader() as db:  # a dry run stores nothing
        report = migration.migrate_instances(db, key, to_version=to_version, dry_run=True,
                                             actor=principal.login)
    return render_template("processing/migration.html", report=report,
                           movable=[item for item in report.items if item.can_move],
                           errors=errors or []), status


@bp.get("/<key>/migration", endpoint="migration")
def dry_run(key: str) -> ResponseReturnValue:
    """What moving the running instances of ``key`` would do (nothing changes)."""
    principal = _administrator()
    try:
        return _page(principal, key[:120], _to_version())
    except DomainError as refused:
        if refused.status == 404:
            raise
        return _page(principal, key[:120], None, errors=list(refused.errors), status=422)


@bp.post("/<key>/migration", endpoint="migrate")
def migrate(key: str) -> ResponseReturnValue:
    """Move the instances ticked; the others stay as they were."""
    principal = _administrator()
    chosen = [value[:36] for value in request.form.getlist("instances")][:MAX_CHOSEN]
    to_version = _to_version()
    if not chosen:
        return _page(principal, key[:120], to_version, status=422, errors=[FieldError(
            "instances", _("Choose the instances to move."), "required")])
    try:
        with unit_of_work() as db:
            report = migration.migrate_instances(db, key[:120], to_version=to_version,
                                                 instance_ids=chosen, dry_run=False,
                                                 actor=principal.login)
    except DomainError as refused:
        if refused.status == 404:
            raise
        return _page(principal, key[:120], to_version, errors=list(refused.errors),
                     status=refused.status)
    moved = sum(1 for item in report.items if item.migrated)
    flash(_("%(moved)s of %(chosen)s instances moved to version %(version)s.", moved=moved,
            chosen=len(report.items), version=report.to_version),
          "success" if moved == len(report.items) else "info")
    return redirect(url_for(".migration", key=report.key, to_version=report.to_version),
                    code=303)
