"""Annotations: internal notes staff write on a file. They are never shown to citizens
and, like everything in a file, never changed or deleted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.files.domain import ActionKind
from eoffice.files.errors import EmptyAnnotation
from eoffice.files.models import AdministrativeFile, FileAnnotation
from eoffice.files.services.access import require_open
from eoffice.files.services.history import record_action
from eoffice.shared.clock import utcnow

MAX_ANNOTATION = 4000


@dataclass(frozen=True)
class AnnotationView:
    id: int
    text: str
    unit_code: str
    written_at: datetime
    written_by: str


def add_annotation(session: Session, file: AdministrativeFile, text: str, *,
                   actor: str) -> AnnotationView:
    """Write an annotation on the open ``file`` (the caller holds its row lock)."""
    require_open(file)
    cleaned = text.strip()
    if not cleaned or len(cleaned) > MAX_ANNOTATION:
        raise EmptyAnnotation()
    row = FileAnnotation(file_id=file.id, text=cleaned, unit_code=file.responsible_unit,
                         written_at=utcnow(), written_by=actor)
    session.add(row)
    session.flush()
    record_action(session, file, ActionKind.ANNOTATION_ADDED, actor=actor, at=row.written_at,
                  details={"annotation": row.id})  # the text stays out of the audit log
    return AnnotationView(row.id, row.text, row.unit_code, row.written_at, row.written_by)


def list_annotations(session: Session, file: AdministrativeFile) -> Sequence[AnnotationView]:
    """The file's annotations, newest first."""
    rows = session.scalars(select(FileAnnotation).where(FileAnnotation.file_id == file.id)
                           .order_by(FileAnnotation.written_at.desc(),
                                     FileAnnotation.id.desc()))
    return [AnnotationView(r.id, r.text, r.unit_code, r.written_at, r.written_by)
            for r in rows]
