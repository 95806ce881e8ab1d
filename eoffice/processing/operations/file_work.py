"""Operators that work on the file a process runs for: its legal terms (``set_deadline``,
``suspend_deadline``, ``resume_deadline``, ``meet_deadline``, through the deadlines
context, subject kind ``file``), a report asked of another unit (``request_report``: on
the file's timeline, with a ``report`` term the reporting unit sees on its task), and its
closure (``close_file``: the files context closes it as the system once the process's
transaction commits).

A term is given as a number of ``unit`` (``business_days`` unless said otherwise) or as
``{"value": 10, "unit": "business_days"}``. The term to suspend, resume or meet is named
by its id (``term``, the ``deadline`` that ``set_deadline`` returned) or by its ``kind``
(the file's latest open term of that kind; none open: nothing is done and ``deadline``
is None, so a model may meet the term of resolution whether or not it was counted)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from eoffice import deadlines, files, identity
from eoffice.processing.operators import Operator, RunContext
from eoffice.shared.localtime import local_today

SUBJECT_KIND = "file"
DEFAULT_KIND = "processing"
DEFAULT_UNIT = "business_days"
REPORT_KIND = "report"
REPORT_DAYS = 10
OPEN = (deadlines.DeadlineState.RUNNING, deadlines.DeadlineState.SUSPENDED)


def _term(value: Any, unit: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    return {"value": int(value), "unit": str(unit or DEFAULT_UNIT)}


def _start(context: RunContext, file_id: str, kind: str,
           term: dict[str, Any]) -> deadlines.DeadlineView:
    return deadlines.start_deadline(context.session, deadlines.NewDeadline(
        subject_kind=SUBJECT_KIND, subject_id=file_id, kind=kind, started_on=local_today(),
        term=term), actor=context.actor)


def _set_deadline(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    file_id = context.file_id("set_deadline")
    view = _start(context, file_id, str(params.get("kind") or DEFAULT_KIND),
                  _term(params["term"], params.get("unit")))
    return {"deadline": view.id, "due_on": view.due_on.isoformat() if view.due_on else None}


def _named(context: RunContext, params: dict[str, Any],
           operator: str) -> deadlines.DeadlineView | None:
    """The term named by id (``term``) or by ``kind`` (its latest open one, or None)."""
    file_id = context.file_id(operator)
    if params.get("term") is not None:
        view = deadlines.get_deadline(context.session, int(params["term"]))
        if (view.subject_kind, view.subject_id) != (SUBJECT_KIND, file_id):
            raise ValueError(f"the term {view.id} is not a term of this file")
        return view
    if not params.get("kind"):
        raise ValueError(f"{operator} needs the term's id (term) or its kind")
    found = [view for view in deadlines.list_deadlines(context.session, SUBJECT_KIND, file_id)
             if view.kind == params["kind"] and view.state in OPEN]
    return found[-1] if found else None


def _result(view: deadlines.DeadlineView | None) -> dict[str, Any]:
    if view is None:
        return {"deadline": None, "state": None}
    return {"deadline": view.id, "state": view.state.value}


def _suspend_deadline(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    view = _named(context, params, "suspend_deadline")
    if view is None or view.state != deadlines.DeadlineState.RUNNING:
        return _result(view)
    # The count starts the day after the term started: a suspension on its first day
    # stops it before any day is counted.
    on = max(local_today(), view.started_on + timedelta(days=1))
    return _result(deadlines.suspend_deadline(
        context.session, view.id, on=on, reason=str(params.get("reason") or ""),
        actor=context.actor))


def _resume_deadline(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    view = _named(context, params, "resume_deadline")
    if view is None or view.state != deadlines.DeadlineState.SUSPENDED:
        return _result(view)
    first = max((pause.first for pause in view.suspensions if pause.last is None),
                default=local_today())
    return _result(deadlines.resume_deadline(context.session, view.id,
                                             on=max(local_today(), first),
                                             actor=context.actor))


def _meet_deadline(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    view = _named(context, params, "meet_deadline")
    if view is None or view.state not in OPEN:
        return _result(view)
    return _result(deadlines.mark_met(context.session, view.id, on=local_today(),
                                      actor=context.actor))


def _request_report(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    file_id = context.file_id("request_report")
    unit_code = str(params["unit"])
    identity.describe_unit(context.session, unit_code, locale="es")  # UnknownUnit
    days = int(params.get("due_days") or REPORT_DAYS)
    view = _start(context, file_id, REPORT_KIND, _term(days, DEFAULT_UNIT))
    due_on: date | None = view.due_on
    files.note_report_requested(context.session, file_id, unit_code=unit_code,
                                question=str(params.get("question") or ""), due_on=due_on,
                                actor=context.actor)
    return {"unit": unit_code, "deadline": view.id,
            "due_on": due_on.isoformat() if due_on else None}


def _close_file(context: RunContext, params: dict[str, Any]) -> dict[str, Any]:
    file_id = context.file_id("close_file")
    files.request_closure(context.session, file_id, actor=context.actor,
                          reason=str(params.get("reason") or ""))
    return {"requested": True}


_NAMED = ("term", "kind")
OPERATORS = (
    Operator(name="set_deadline", summary="Start a legal term on the file (deadlines "
             "context): term (a number of unit, business_days by default), kind.",
             run=_set_deadline, required=("term",), optional=("kind", "unit", "reason"),
             outputs=("deadline", "due_on")),
    Operator(name="suspend_deadline", summary="Suspend a running term of the file, named "
             "by its id (term) or kind.", run=_suspend_deadline,
             optional=(*_NAMED, "reason"), outputs=("deadline", "state")),
    Operator(name="resume_deadline", summary="Resume a suspended term of the file, named "
             "by its id (term) or kind.", run=_resume_deadline, optional=_NAMED,
             outputs=("deadline", "state")),
    Operator(name="meet_deadline", summary="Mark a term of the file met (the act it was "
             "for happened today), named by its id (term) or kind.", run=_meet_deadline,
             optional=_NAMED, outputs=("deadline", "state")),
    Operator(name="request_report", summary="Ask another unit for a report: noted on the "
             "file's timeline with a 'report' term of due_days business days (10).",
             run=_request_report, required=("unit",), optional=("question", "due_days"),
             outputs=("unit", "deadline", "due_on")),
    Operator(name="close_file", summary="Close the file and seal its index (the files "
             "context does it as the system once this step is saved).", run=_close_file,
             optional=("reason",), outputs=("requested",)),
)
