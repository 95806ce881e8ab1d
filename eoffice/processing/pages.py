"""The clerk's task list in the back office (``/backoffice/tasks``): the open tasks of her
units and roles, soonest due first, with the file each belongs to; claiming or releasing
a task, and bulk actions on the tasks ticked (take, release, reassign to a person of her
units or back to the unit) with a mandatory reason, all or nothing. Works without
JavaScript; every action is checked on the server (another unit's task: 404)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from sqlalchemy.orm import Session

from eoffice import files, identity
from eoffice.identity import Permission, Principal
from eoffice.processing.services import tasks
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, ngettext

bp = Blueprint("processing_pages", __name__, url_prefix="/backoffice/tasks",
               template_folder="templates")
PAGE_SIZE = 25


def _people(db: Session, principal: Principal) -> list[tuple[str, str]]:
    """(login, label) of the people of the units where the principal processes files."""
    locale = str(get_locale() or "es")
    people: dict[str, str] = {}
    for code in principal.units:
        if not principal.can(Permission.PROCESS_FILES, unit=code):
            continue
        for member in identity.list_unit_staff(db, code, locale=locale):
            people.setdefault(member.login, f"{member.display_name} ({code})")
    return sorted(people.items(), key=lambda person: person[1])


def _field_labels() -> dict[str, str]:
    return {"reason": _("Reason"), "tasks": _("Tasks"), "action": _("Action"),
            "to": _("Reassign to")}


def _list_page(principal: Principal, page: int, *, errors: list[FieldError] | None = None,
               values: dict[str, Any] | None = None, status: int = 200) -> ResponseReturnValue:
    with reader() as db:
        found = tasks.list_tasks_for(db, principal, page=page, page_size=PAGE_SIZE)
        numbers = files.numbers_of(db, [instance.subject_id for _task, instance in found.items
                                        if instance.subject_kind == "file"])
        people = _people(db, principal)
    pages = max((found.total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    labels = {**_field_labels(), **{task.id: task.name for task, _instance in found.items}}
    shown = [{"field": labels.get(error.field, error.field), "message": error.message}
             for error in errors or []]
    return render_template("processing/tasks.html", items=found.items, total=found.total,
                           total_capped=found.total_capped,
                           numbers=numbers, page=page, pages=pages, me=principal.login,
                           people=people, errors=shown,
                           values=values or {"tasks": [], "action": "", "to": "",
                                             "reason": ""}), status


@bp.get("", endpoint="tasks")
def task_list() -> ResponseReturnValue:
    principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    return _list_page(principal, page)


@bp.post("/<task_id>/claim", endpoint="claim")
def claim(task_id: str) -> ResponseReturnValue:
    return _act(task_id, release=False)


@bp.post("/<task_id>/release", endpoint="release")
def release(task_id: str) -> ResponseReturnValue:
    return _act(task_id, release=True)


def _act(task_id: str, *, release: bool) -> ResponseReturnValue:
    principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
    try:
        with unit_of_work() as db:
            if release:
                tasks.unclaim_task(db, task_id[:36], principal)
            else:
                tasks.claim_task(db, task_id[:36], principal)
    except DomainError as refused:
        if refused.status == 404:
            raise
        flash(str(refused.title), "error")
    else:
        flash(_("The task is released.") if release else _("The task is yours."), "success")
    return redirect(url_for(".tasks"), code=303)


def _done_message(action: str, count: int, to_login: str | None) -> str:
    if action == "claim":
        text = ngettext("%(num)d task is yours.", "%(num)d tasks are yours.", count)
    elif action == "release":
        text = ngettext("%(num)d task released.", "%(num)d tasks released.", count)
    elif to_login is None:
        text = ngettext("%(num)d task given back to the unit.",
                        "%(num)d tasks given back to the unit.", count)
    else:
        text = ngettext("%(num)d task reassigned to %(login)s.",
                        "%(num)d tasks reassigned to %(login)s.", count, login=to_login)
    return str(text)


@bp.post("/bulk", endpoint="bulk")
def bulk() -> ResponseReturnValue:
    """Take, release or reassign the tasks ticked, with a reason: all or nothing; a
    refusal shows the page again with the task names and why, and nothing changed."""
    principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
    values: dict[str, Any] = {
        "tasks": [value[:36] for value in request.form.getlist("tasks")][:tasks.MAX_BULK + 1],
        "action": request.form.get("action", "")[:20],
        "to": request.form.get("to", "").strip()[:120],
        "reason": request.form.get("reason", "")[:tasks.MAX_REASON + 1],
    }
    to_login = values["to"] if values["action"] == "reassign" and values["to"] else None
    try:
        with unit_of_work() as db:
            done = tasks.bulk_act(db, values["tasks"], principal, action=values["action"],
                                  reason=values["reason"], to_login=to_login)
    except DomainError as refused:
        errors = refused.errors or [FieldError("", str(refused.title), refused.code)]
        return _list_page(principal, 1, errors=errors, values=values, status=refused.status)
    flash(_done_message(values["action"], len(done), to_login), "success")
    return redirect(url_for(".tasks"), code=303)
