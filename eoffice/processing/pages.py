"""The clerk's task list in the back office (``/backoffice/tasks``): the open tasks of her
units and roles, soonest due first, with the file each belongs to, and claiming or
releasing a task. Completing a task with its form comes with the task pages. Works
without JavaScript; every action is checked on the server (another unit's task: 404)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eoffice import files, identity
from eoffice.identity import Permission
from eoffice.processing.services import tasks
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _

bp = Blueprint("processing_pages", __name__, url_prefix="/backoffice/tasks",
               template_folder="templates")
PAGE_SIZE = 25


@bp.get("", endpoint="tasks")
def task_list() -> ResponseReturnValue:
    principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    with reader() as db:
        found = tasks.list_tasks_for(db, principal, page=page, page_size=PAGE_SIZE)
        numbers = files.numbers_of(db, [instance.subject_id for _task, instance in found.items
                                        if instance.subject_kind == "file"])
    pages = max((found.total + PAGE_SIZE - 1) // PAGE_SIZE, 1)
    return render_template("processing/tasks.html", items=found.items, total=found.total,
                           numbers=numbers, page=page, pages=pages, me=principal.login)


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
