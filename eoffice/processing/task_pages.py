"""The page of one user task (``/backoffice/tasks/<task_id>``): the task (lane, unit, due
date, who took it), the process data the clerk works from, the task's form to fill in and,
beside it, read-only, the application of the file with links to its documents.

What the page asks for is the task's contract (:mod:`eoffice.processing.services.completion`):
the task's form rendered by the forms context (server-side, works without JavaScript), or
the fields the model declares (``fields`` property), or a plain "Complete" button. Taking
and releasing post to the task list's endpoints; completing posts here, then goes back to
the task list with a message. Invalid data re-renders the form with the error summary (422)
and changes nothing; a task completed meanwhile (409) is shown as a message. Who may see
the page is :func:`tasks.get_task_for`'s rule: another unit's task is 404, another role 403.
The file's documents are served here while the task is open, under the same rule: a unit
asked for a report reads the application without holding the file.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from sqlalchemy.orm import Session

from eoffice import audit, documents, files, forms, identity, submissions
from eoffice.identity import Permission, Principal
from eoffice.processing import engine
from eoffice.processing.errors import InvalidTaskData
from eoffice.processing.models import ProcessInstance, TaskState, UserTask
from eoffice.processing.services import completion, instances, tasks
from eoffice.processing.task_fields import RESERVED
from eoffice.shared.db import reader, unit_of_work
from eoffice.shared.errors import DomainError, FieldError
from eoffice.shared.i18n import _, current_language

bp = Blueprint("processing_task", __name__, url_prefix="/backoffice/tasks",
               template_folder="templates")
HIDDEN_VARIABLES = RESERVED | {"unit_code"}
MAX_SHOWN_VARIABLES = 40


@dataclass
class TaskPage:
    """Everything the page shows of one task."""

    task: UserTask
    instance: ProcessInstance
    contract: completion.TaskContract
    unit_name: str
    file: files.FileBrief | None = None
    application_html: Any = None
    variables: list[tuple[str, Any]] = field(default_factory=list)


def _staff() -> Principal:
    return identity.require_permission(Permission.PROCESS_FILES, somewhere=True)


def _variables(db: Session, row: ProcessInstance, task: UserTask,
               actor: str) -> list[tuple[str, Any]]:
    """The open task's process variables a clerk reads (plain values, not the system's)."""
    workflow = instances.load_workflow(db, row, actor)
    found = engine.find_task(workflow, uuid.UUID(task.id))  # None once forgotten
    data = found.data if found is not None else {}
    shown = [(name, value) for name, value in sorted(data.items())
             if name not in HIDDEN_VARIABLES and not name.startswith("_")
             and isinstance(value, str | int | float | bool)]
    return shown[:MAX_SHOWN_VARIABLES]


def _application(db: Session, brief: files.FileBrief | None, locale: str) -> Any:
    if brief is None or brief.submission_id is None:
        return None
    sent = submissions.find_sent_application(db, brief.submission_id)
    if sent is None:
        return None
    return forms.render_answers_html(db, sent.form_key, sent.form_version, sent.answers,
                                     locale=locale)


def _load(db: Session, task_id: str, principal: Principal, locale: str, *,
          with_variables: bool = True) -> TaskPage:
    task = tasks.get_task_for(db, task_id[:36], principal)
    row = db.get(ProcessInstance, task.instance_id)
    assert row is not None
    contract = completion.contract_of(task.form, row.user_tasks.get(task.spec_id))
    unit = identity.list_units(db, codes={task.unit_code}, locale=locale)
    page = TaskPage(task=task, instance=row, contract=contract,
                    unit_name=unit[0].name if unit else task.unit_code)
    if row.subject_kind == "file":
        page.file = files.find_file_brief(db, row.subject_id)
        page.application_html = _application(db, page.file, locale)
    if with_variables and task.state == TaskState.OPEN:
        page.variables = _variables(db, row, task, principal.login)
    return page


def _prefetch(task_id: str, principal: Principal) -> None:
    """Options of the task's form from other servers, fetched before any transaction."""
    with reader() as db:
        task = tasks.get_task_for(db, task_id[:36], principal)
        contract = completion.contract_of(task.form, None)
        sources = (forms.remote_option_sources(db, contract.form_key, contract.form_version)
                   if contract.form_key and contract.form_version else [])
    forms.prefetch_options(sources)


def _render(page: TaskPage, principal: Principal, *, db: Session, locale: str,
            data: dict[str, Any] | None = None, errors: list[FieldError] | None = None,
            status: int = 200) -> ResponseReturnValue:
    form_html = None
    if page.contract.has_form and page.task.state == TaskState.OPEN:
        assert page.contract.form_key and page.contract.form_version
        form_html = forms.render_form_html(db, page.contract.form_key,
                                           page.contract.form_version, answers=data or {},
                                           errors=errors or [], locale=locale)
    units = (identity.list_units(db, codes=None, locale=locale)
             if any(f.kind == "unit" for f in page.contract.fields) else [])
    summary = [{"text": f"{f.label}: {e.message}", "href": f"#field-{f.name}"}
               for e in errors or () for f in page.contract.fields if f.name == e.field]
    return render_template(
        "processing/task.html", page=page, task=page.task, instance=page.instance,
        contract=page.contract, form_html=form_html, values=data or {},
        field_errors={e.field: e.message for e in errors or ()}, error_summary=summary,
        units=units, me=principal.login, has_errors=bool(errors)), status


@bp.get("/<task_id>", endpoint="task")
def show_task(task_id: str) -> ResponseReturnValue:
    principal = _staff()
    locale = current_language()
    _prefetch(task_id, principal)
    with reader() as db:
        page = _load(db, task_id, principal, locale)
        return _render(page, principal, db=db, locale=locale)


def _posted_data(db: Session, contract: completion.TaskContract) -> dict[str, Any]:
    """The data the page's form posted, in the shape the task's contract reads."""
    if contract.has_form:
        assert contract.form_key and contract.form_version
        return forms.answers_from_form(db, contract.form_key, contract.form_version,
                                       request.form)
    posted = {f.name: request.form.get(f.name, "").strip() for f in contract.fields}
    return {name: value for name, value in posted.items() if value}


@bp.post("/<task_id>/complete", endpoint="complete")
def complete(task_id: str) -> ResponseReturnValue:
    """Complete the task with the posted data; back to the task list with a message."""
    principal = _staff()
    locale = current_language()
    _prefetch(task_id, principal)
    version = request.form.get("instance_version", type=int)
    with reader() as db:
        page = _load(db, task_id, principal, locale, with_variables=False)
        data = _posted_data(db, page.contract)
    try:
        with unit_of_work() as db:
            tasks.complete_task(db, task_id[:36], principal, data=data,
                                expected_version=version)
    except InvalidTaskData as refused:
        with reader() as db:
            page = _load(db, task_id, principal, locale)
            return _render(page, principal, db=db, locale=locale, data=data,
                           errors=refused.errors, status=422)
    except DomainError as refused:
        if refused.status in (403, 404):
            raise
        message = str(refused.title)
        if refused.errors:
            message = f"{message} {refused.errors[0].message}"
        flash(message, "error")
        return redirect(url_for(".task", task_id=task_id[:36]), code=303)
    flash(_("The task is completed: the process has moved on."), "success")
    return redirect(url_for("processing_pages.tasks"), code=303)


@bp.get("/<task_id>/documents/<int:position>", endpoint="document")
def document(task_id: str, position: int) -> ResponseReturnValue:
    """A document of the open task's file, for whoever may act on the task: a unit asked
    for a report reads what it needs without holding the file itself."""
    principal = _staff()
    with reader() as db:
        task = tasks.get_task_for(db, task_id[:36], principal)
        row = db.get(ProcessInstance, task.instance_id)
        brief = (files.find_file_brief(db, row.subject_id)
                 if row is not None and row.subject_kind == "file"
                 and task.state == TaskState.OPEN else None)
        held = next((d for d in brief.documents if d.position == position),
                    None) if brief else None
        if held is None or brief is None:
            abort(404)
        version, chunks = documents.open_content(db, held.document_id, version=held.version)
    audit.log_access(audit.Access(audit.DOWNLOAD, "document", held.document_id, "file",
                                  brief.number, brief.responsible_unit),
                     actor=principal.login, channel="page")
    return documents.content_response(version, chunks,
                                      name=f"{position:03d}-{held.document_id}")
