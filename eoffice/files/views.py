"""What the API and the back-office pages show of a file: one read model built from the
context's services (the registry receipt joins the file through the outbox once sealed)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session

from eoffice import deadlines, documents
from eoffice.files.domain import Whereabouts, may_receive, may_return, may_work
from eoffice.files.models import AdministrativeFile
from eoffice.files.services.access import get_file_for
from eoffice.files.services.annotating import list_annotations
from eoffice.files.services.documents import list_documents
from eoffice.files.services.history import list_history
from eoffice.files.services.moving import list_movements
from eoffice.identity import Principal
from eoffice.shared.db import reader


def deadlines_of(session: Session, file: AdministrativeFile) -> list[dict[str, Any]]:
    """The file's terms (deadlines context): kind, term, due day, days left (working days
    for business-day terms; frozen while suspended), state and silence effect."""
    return [{"id": view.id, "kind": view.kind,
             "term": {"value": view.term.value, "unit": view.term.unit.value},
             "extension": view.extension, "started_on": view.started_on.isoformat(),
             "due_on": view.due_on.isoformat() if view.due_on else None,
             "days_left": view.days_left, "state": view.state.value,
             "silence_effect": view.silence_effect}
            for view in deadlines.list_deadlines(session, "file", file.id)]


def file_summary(file: AdministrativeFile) -> dict[str, Any]:
    """A line of a list of files."""
    return {"number": file.number, "subject": file.subject,
            "procedure": file.procedure_code, "case": file.case_code,
            "status": file.state, "phase": file.phase, "unit": file.responsible_unit,
            "opened_at": file.opened_at, "closed_at": file.closed_at}


def _index(session: Session, file: AdministrativeFile) -> dict[str, Any] | None:
    if file.index_document_id is None:
        return None
    view = documents.get_document(session, file.index_document_id)
    return {"document_id": view.id, "sha256": view.sha256, "title": view.title,
            "verification_code": documents.format_code(view.verification_code),
            "issued_at": view.captured_at}


def file_detail(session: Session, file: AdministrativeFile, where: Whereabouts,
                principal: Principal) -> dict[str, Any]:
    """Everything staff see of a file, with what ``principal`` may do with it now."""
    is_open = file.state == "open"
    return {
        **file_summary(file),
        "opening_unit": file.unit_code, "opened_by": file.opened_by,
        "closed_by": file.closed_by, "registry_entry_id": file.registry_entry_id,
        "parties": [dict(p) for p in file.parties],
        "documents": [asdict(d) for d in list_documents(session, file)],
        "history": [asdict(a) for a in list_history(session, file)],
        "annotations": [asdict(a) for a in list_annotations(session, file)],
        "movements": [asdict(m) for m in list_movements(session, file)],
        "deadlines": deadlines_of(session, file),
        "index": _index(session, file),
        "allowed": {"work": is_open and may_work(principal, where),
                    "receive": is_open and may_receive(principal, where),
                    "return": is_open and may_return(principal, where)},
    }


def load_file(number: str, principal: Principal) -> dict[str, Any]:
    """The file as ``principal`` sees it (UnknownFile when she may not)."""
    with reader() as db:
        file, where = get_file_for(db, number, principal)
        return file_detail(db, file, where, principal)
