"""Steps of the disposition tests: files of a series "destroy N years after closure",
closed and transferred to the archive as the city does it (nothing faked), and the
principals of the demo city."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from eoffice import documents, files, identity
from eoffice.archive.models import Record, Series
from eoffice.archive.services.transfer import transfer_file
from eoffice.files.closure import close_file_for_process
from eoffice.files.models import AdministrativeFile
from eoffice.identity import Principal
from eoffice.shared.clock import utcnow

#: A word only the files' resolutions hold (found in search while their content exists).
WORD = "quercus"
ANA = {"name": "Ana García Puig", "id_type": "nif", "id_number": "12345678Z",
       "role": "interested"}


@dataclass(frozen=True)
class DueFile:
    number: str
    record_id: str
    document_id: str


def destroy_series(db: Session, *, years: int = 2, action: str = "destroy",
                   sample: int | None = None) -> str:
    """A series of the schedule whose files are destroyed ``years`` after closure; the
    procedure code its files carry."""
    procedure = f"disposal-test-{uuid.uuid4().hex[:8]}"
    now = utcnow()
    db.add(Series(code=procedure.upper(), title={"en": "Minor works", "es": "Obras",
                                                 "ca": "Obres"},
                  procedure_code=procedure, case_code=None, retention_years=years,
                  retention_months=0, retention_days=0, trigger="closure",
                  trigger_field=None, action=action, sample_percent=sample,
                  confidentiality="restricted", created_at=now, updated_at=now))
    db.flush()
    return procedure


def due_file(db: Session, *, procedure: str, subject: str, unit: str = "URB") -> DueFile:
    """A file of ``procedure`` with a sealed resolution, closed and transferred."""
    opened = files.open_file(db, files.NewFile(unit_code=unit, subject=subject,
                                               parties=[ANA], procedure=procedure),
                             actor="registrar")
    issued = documents.issue_document(
        db, doc_type=documents.DocumentType.RESOLUTION, title="Resolution",
        data={"paragraphs": [f"{subject}: granted, {WORD} planted."]}, language="en",
        unit_code=unit,
        level=documents.SignatureLevel.B_T, actor="head")
    row = db.get(AdministrativeFile, opened.id)
    assert row is not None
    files.add_document(db, row, files.DocumentRef(issued.id), actor="clerk")
    db.flush()
    close_file_for_process(opened.number, actor="system", language="en")
    moved = transfer_file(opened.number, actor="system", language="en")
    db.expire_all()
    return DueFile(opened.number, moved.record_id, issued.id)


def record_of(db: Session, due: DueFile) -> Record:
    db.expire_all()
    record = db.get(Record, due.record_id)
    assert record is not None
    return record


def principal(db: Session, login: str) -> Principal:
    return identity.load_principal(db, identity.get_account(db, login),
                                   authenticated_by="test")


def stored_record(db: Session, *, series: str, unit: str = "URB",
                  until: date = date(2028, 1, 1), action: str = "destroy") -> Record:
    """An archived file's record stored directly (no package): for the list rules."""
    opened = files.open_file(db, files.NewFile(unit_code=unit, subject="Old works",
                                               parties=[ANA], procedure=None),
                             actor="registrar")
    now = utcnow()
    record = Record(
        id=str(uuid.uuid4()), file_id=opened.id, file_number=opened.number,
        series_code=series, procedure_code=None, case_code=None, unit_code=unit,
        subject="Old works", parties=[], opened_at=now, closed_at=now,
        resolution_date=None, extra={}, trigger_date=until, retention_until=until,
        action=action, confidentiality="restricted", status="archived",
        transferred_at=now, transferred_by="test", package_path="nowhere",
        package_sha256="0" * 64, package_bytes=0, index_document_id="")
    db.add(record)
    db.flush()
    return record
