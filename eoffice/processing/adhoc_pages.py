"""Processing on the file page: the panel of the file's processes (template global
``file_processing``, which the files context's page calls when it is defined: files lies
below processing and cannot import it) and the ad-hoc actions the model allows now
(``POST /backoffice/files/<number>/actions/<message>``).

The panel shows what the viewer of the file may see (the file page has already checked
that): each process with its model and version, open tasks (a link to those the viewer
may act on) and completed tasks, oldest first. Ad-hoc actions are offered to, and taken
by, those with ``files.process`` in the file's responsible unit (others: 404); an action
no longer awaited is a message and changes nothing. Works without JavaScript."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, url_for
from flask.typing import ResponseReturnValue

from eoffice import files, identity
from eoffice.identity import Permission
from eoffice.processing.errors import NoWaitingInstance
from eoffice.processing.services import file_view
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError
from eoffice.shared.i18n import _

bp = Blueprint("processing_adhoc", __name__, url_prefix="/backoffice/files",
               template_folder="templates")
MAX_MESSAGE = 120


def file_processing(number: str) -> dict[str, Any]:
    """For the file page: the file's processes and whether the viewer may start ad-hoc
    actions (nothing for a viewer who is not signed in or a file not found)."""
    principal = identity.current_principal()
    if principal is None:
        return {"processes": [], "may_act": False}
    with reader() as db:
        brief = files.find_file_brief_by_number(db, number)
        if brief is None:
            return {"processes": [], "may_act": False}
        return {"processes": file_view.processes_of_file(db, brief, principal),
                "may_act": file_view.may_act_on_file(principal, brief)}


def resolution_terms(file_ids: list[str]) -> dict[str, dict[str, Any]]:
    """For the task list: the term of resolution of the files of the page, by file id."""
    with reader() as db:
        return file_view.resolution_terms(db, file_ids)


@bp.post("/<path:number>/actions/<message>", endpoint="start")
def start_action(number: str, message: str) -> ResponseReturnValue:
    """Start the ad-hoc action ``message`` on the file's process (CSRF checked by the
    application for every form post)."""
    principal = identity.require_permission(Permission.PROCESS_FILES, somewhere=True)
    try:
        with unit_of_work() as db:
            brief = files.find_file_brief_by_number(db, number)
            if brief is None:
                raise files.UnknownFile()
            file_view.start_adhoc_action(db, brief, message[:MAX_MESSAGE], principal)
    except NoWaitingInstance:
        flash(_("That action is not available on this file now. Nothing was changed."),
              "error")
    except DomainError as refused:  # changed meanwhile (409), a step failed (422)...
        if refused.status in (403, 404):
            raise
        flash(str(refused.title), "error")
    else:
        flash(_("The action is started: its tasks are in the file's processing."),
              "success")
    return redirect(url_for("files_pages.detail", number=number) + "#processing", code=303)
